//! Build script of the desktop app: tauri-build with the capabilities in
//! `src-tauri/capabilities/` and an ACL entry for each app command.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let manifest = tauri_build::AppManifest::new().commands(&[
        "list_articles",
        "get_article",
        "library_info",
        "cancel_import",
        "open_import_dialog",
        "search",
        "library_facets",
        "speaker_quotes",
        "quote_timeline",
        "relation_map",
        "edge_evidence",
        "entity",
    ]);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(manifest),
    )
    .expect("tauri-build failed");
}
