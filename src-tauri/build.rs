//! Build script of the desktop app: tauri-build with the capabilities in
//! `src-tauri/capabilities/` and an ACL entry for each app command.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let manifest = tauri_build::AppManifest::new().commands(&[
        "list_article_page",
        "get_article",
        "library_info",
        "reanalysis_status",
        "cancel_import",
        "open_import_dialog",
        "search",
        "library_facets",
        "speaker_quotes",
        "quote_timeline",
        "relation_map",
        "map_positions",
        "save_map_positions",
        "reset_map_positions",
        "edge_evidence",
        "entity",
        "entity_quotes",
        "add_annotation",
        "update_annotation",
        "delete_annotation",
        "list_annotations",
        "library_tags",
        "set_article_tags",
        "set_reviewed",
        "confirm_quote",
        "reject_quote",
        "set_quote_speaker",
        "set_quote_kind",
        "set_quote_span",
        "add_quote",
        "rename_entity",
        "merge_entities",
        "split_entity",
        "undo",
        "redo",
        "export_counts",
        "export_file",
        "cancel_export",
        "save_map_image",
        "import_launch_files",
        "about",
    ]);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(manifest),
    )
    .expect("tauri-build failed");
}
