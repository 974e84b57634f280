//! The user's layer: every item survives re-analysis by an engine whose
//! output changed, shows in every view, and undo and redo take it back and
//! make it again. Bad input changes nothing.

use super::*;
use crate::analyze::Analysis;

/// A library with the sample and one short article of ours; returns its id.
fn library_with_council() -> (tempfile::TempDir, Library, i64) {
    library_with_article(
        "Jan 5, 2021 10:00 Europe/London\n\nCouncil budget row in Hamburg\n\n\
         “The budget is fair and it is final,” said Mayor Anna Berg.\n\n\
         “We will vote against it on Monday,” said councillor Tom Reed.\n\n\
         “Nobody asked the schools about it,” said Jonas Vogel, a teacher.\n\n\
         Critics in Hamburg said the plan would close two libraries.\n\n\
         The vote is expected on Monday.\n\n\
         Posted from 🇩🇪 Hamburg.\n",
    )
}

/// A new library with the sample and `text` imported as a file; returns its id.
fn library_with_article(text: &str) -> (tempfile::TempDir, Library, i64) {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let file = folder.path().join("article.txt");
    std::fs::write(&file, text).unwrap();
    let report = import_files(
        &mut library,
        &[file],
        &ImportOptions::default(),
        "2026-01-01T00:00:00Z",
        &mut |_| true,
    );
    let id = report.added[0].id;
    (folder, library, id)
}

fn quote_with<'a>(article: &'a ArticleView, words: &str) -> &'a QuoteView {
    article
        .quotes
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?} in {:#?}", article.quotes))
}

fn speaker_of(article: &ArticleView, quote: &QuoteView) -> Option<String> {
    quote
        .speaker
        .map(|s| article.speakers[s as usize].name.clone())
}

/// Code points of the first occurrence of `words` in the article's text.
fn span_of(article: &ArticleView, words: &str) -> (u32, u32) {
    let byte = article.text.find(words).unwrap();
    let start = article.text[..byte].chars().count() as u32;
    (start, start + words.chars().count() as u32)
}

#[test]
fn corrections_show_in_every_view_and_survive_a_changed_engine() {
    let (_folder, mut library, id) = library_with_council();
    let article = get_article(&library, id).unwrap().unwrap();
    assert_eq!(article.quotes.len(), 4, "{:#?}", article.quotes);
    let fair = quote_with(&article, "budget is fair").id.clone();
    let vote = quote_with(&article, "vote against").id.clone();
    let schools = quote_with(&article, "schools").id.clone();
    // The engine takes "Critics in Hamburg" for critics of nowhere in particular:
    // the user gives them their city.
    let critics = quote_with(&article, "close two libraries").id.clone();
    let machine = quote_with(&article, "close two libraries");
    assert_eq!(speaker_of(&article, machine).as_deref(), Some("Critics"));
    assert_eq!(
        article.speakers[machine.speaker.unwrap() as usize].affiliation,
        None
    );
    assert!(
        article
            .quotes
            .iter()
            .all(|q| !q.text.contains("expected on Monday")),
        "missed by the engine"
    );
    assert_eq!(
        speaker_of(&article, quote_with(&article, "vote against")).as_deref(),
        Some("Tom Reed")
    );

    // Confirm one, reject one, give one another speaker, add one the engine missed.
    let fair = confirm_quote(&mut library, &fair).unwrap();
    reject_quote(&mut library, &vote).unwrap();
    let schools = set_quote_speaker(
        &mut library,
        &schools,
        &SpeakerInput {
            name: "Anna Berg".to_owned(),
            ..SpeakerInput::default()
        },
    )
    .unwrap();
    let critics = set_quote_speaker(
        &mut library,
        &critics,
        &SpeakerInput {
            name: "Critics".to_owned(),
            kind: "organisation".to_owned(),
            affiliation: Some("Hamburg".to_owned()),
            ..SpeakerInput::default()
        },
    )
    .unwrap();
    let (start, end) = span_of(&article, "The vote is expected on Monday");
    let added = add_quote(
        &mut library,
        id,
        start,
        end,
        &SpeakerInput {
            name: "Anna Berg".to_owned(),
            ..SpeakerInput::default()
        },
        "indirect",
    )
    .unwrap();

    let check = |library: &Library, when: &str, n_quotes: u32| {
        let article = get_article(library, id).unwrap().unwrap();
        assert!(
            article
                .quotes
                .iter()
                .all(|q| !q.text.contains("vote against")),
            "{when}: the rejected quotation is hidden"
        );
        let fair = quote_with(&article, "budget is fair");
        assert_eq!(fair.status, "confirmed", "{when}");
        let schools = quote_with(&article, "schools");
        assert_eq!(
            speaker_of(&article, schools).as_deref(),
            Some("Anna Berg"),
            "{when}"
        );
        assert_eq!(schools.status, "corrected", "{when}");
        let critics = quote_with(&article, "close two libraries");
        assert_eq!(critics.status, "corrected", "{when}");
        assert_eq!(
            speaker_of(&article, critics).as_deref(),
            Some("Critics"),
            "{when}"
        );
        let shown = &article.speakers[critics.speaker.unwrap() as usize];
        assert_eq!(
            (shown.kind.as_str(), shown.affiliation.as_deref()),
            ("organisation", Some("Hamburg")),
            "{when}: the speaker as the user gave it"
        );
        let added = quote_with(&article, "expected on Monday");
        assert_eq!(
            (added.status.as_str(), added.kind.as_str()),
            ("added", "indirect"),
            "{when}"
        );
        // The speaker panel: Tom Reed has nothing left, Anna Berg has three.
        let names: Vec<(&str, u32)> = article
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.n_quotes))
            .collect();
        assert!(
            !names
                .iter()
                .any(|(n, _)| *n == "Tom Reed" || *n == "Hamburg"),
            "{when}: {names:?}"
        );
        assert!(names.contains(&("Anna Berg", 3)), "{when}: {names:?}");
        // The speakers view, its filter and the list's count agree.
        let facets = library_facets(library).unwrap();
        assert!(
            !facets.speakers.iter().any(|s| s.name == "Tom Reed"),
            "{when}"
        );
        let berg = speaker_quotes(library, "Anna Berg").unwrap();
        assert_eq!(berg.len(), 3, "{when}: {berg:?}");
        for quote in &berg {
            assert_eq!(
                speaker_of(&article, &article.quotes[quote.index as usize]).as_deref(),
                Some("Anna Berg"),
                "{when}: the speakers view points at the reader's quotation"
            );
        }
        let listed =
            list_articles(library, &ArticleFilter::default(), ArticleOrder::Newest).unwrap();
        assert_eq!(
            listed.iter().find(|a| a.id == id).unwrap().n_quotes,
            n_quotes,
            "{when}"
        );
        // The map: Tom Reed is gone from this article's map.
        let map = relation_map(library, &ArticleFilter::default(), Some(id)).unwrap();
        assert!(
            !map.nodes.iter().any(|n| n.name == "Tom Reed"),
            "{when}: {:?}",
            map.nodes
        );
        assert!(
            map.nodes.iter().any(|n| n.name == "Anna Berg"),
            "{when}: {:?}",
            map.nodes
        );
    };
    check(&library, "after the corrections", 4);

    // A newer engine: the confirmed quotation's span shifted by a word and its speaker
    // differs, the corrected one is gone, the rejected one is found again, and there
    // is a new quotation.
    let stored = library.get_article(id).unwrap().unwrap();
    let (mut machine, _) = model::stored_machine_analysis(&library, id).unwrap();
    let text = &stored.text;
    let shift = |q: &mut crate::analyze::Quote, words: &str| {
        let at = text.find(words).unwrap();
        q.span = at..at + words.len();
    };
    let fair_index = machine
        .quotes
        .iter()
        .position(|q| text[q.span.clone()].contains("budget is fair"))
        .unwrap();
    shift(
        &mut machine.quotes[fair_index],
        "budget is fair and it is final,",
    );
    machine.quotes[fair_index].speaker = None;
    machine
        .quotes
        .retain(|q| !text[q.span.clone()].contains("schools"));
    let mut new_quote = machine.quotes[fair_index].clone();
    shift(&mut new_quote, "Council budget row");
    machine.quotes.insert(0, new_quote);
    let changed = Analysis { ..machine };
    model::store_machine_analysis(&mut library, &stored, &changed, "2026-02-01T00:00:00Z").unwrap();
    check(&library, "after re-analysis", 5);
    let article = get_article(&library, id).unwrap().unwrap();
    assert_eq!(
        article.quotes.len(),
        5,
        "the new quotation shows: {:#?}",
        article.quotes
    );
    let fair_now = quote_with(&article, "budget is fair");
    assert_eq!(fair_now.id, fair);
    assert_eq!(speaker_of(&article, fair_now).as_deref(), Some("Anna Berg"));
    assert_eq!(quote_with(&article, "schools").id, schools);
    assert_eq!(quote_with(&article, "close two libraries").id, critics);
    assert_eq!(quote_with(&article, "expected on Monday").id, added);

    // And the real engine again, as `quotemap reanalyze --all` runs it.
    assert_eq!(reanalyze(&mut library, None).unwrap(), 2);
    check(&library, "after reanalyze", 4);
    // The machine's own view is untouched by any of it.
    let machine = get_article_machine(&library, id).unwrap().unwrap();
    assert!(
        machine
            .quotes
            .iter()
            .any(|q| q.text.contains("vote against"))
    );
    assert!(machine.quotes.iter().all(|q| q.status == "machine"));
}

#[test]
fn undo_and_redo_take_changes_back_and_make_them_again() {
    let (_folder, mut library, id) = library_with_council();
    let before = get_article(&library, id).unwrap().unwrap();
    let vote = quote_with(&before, "vote against").id.clone();
    let (start, end) = span_of(&before, "Council budget row");
    let note = add_annotation(
        &mut library,
        id,
        start,
        end,
        &AnnotationInput {
            note: "Which budget?\nCheck the minutes.".to_owned(),
            tags: vec!["budget".to_owned(), " follow-up ".to_owned()],
            color: "green".to_owned(),
        },
    )
    .unwrap();
    assert_eq!(note.exact, "Council budget row");
    assert_eq!(note.tags, ["budget", "follow-up"]);
    reject_quote(&mut library, &vote).unwrap();
    set_reviewed(&mut library, id, true).unwrap();
    assert!(get_article(&library, id).unwrap().unwrap().reviewed);

    assert_eq!(undo(&mut library).unwrap().unwrap().label, "mark reviewed");
    assert_eq!(
        undo(&mut library).unwrap().unwrap().label,
        "reject a quotation"
    );
    let now = get_article(&library, id).unwrap().unwrap();
    assert!(!now.reviewed);
    assert_eq!(
        now.quotes.len(),
        before.quotes.len(),
        "the quotation is back"
    );
    assert_eq!(now.annotations.len(), 1, "the note is still there");
    let step = undo(&mut library).unwrap().unwrap();
    assert_eq!(
        (step.label.as_str(), step.can_undo, step.can_redo),
        ("add a note", 0, 3)
    );
    assert!(
        get_article(&library, id)
            .unwrap()
            .unwrap()
            .annotations
            .is_empty()
    );
    assert!(
        undo(&mut library).unwrap().is_none(),
        "nothing left to undo"
    );

    redo(&mut library).unwrap().unwrap();
    redo(&mut library).unwrap().unwrap();
    let now = get_article(&library, id).unwrap().unwrap();
    assert_eq!(now.annotations.len(), 1);
    assert_eq!(
        now.annotations[0].id, note.id,
        "the note comes back under its id"
    );
    assert_eq!(now.quotes.len(), before.quotes.len() - 1);
    // A new change forgets what was undone.
    set_article_tags(&mut library, id, &["a".to_owned()]).unwrap();
    assert!(redo(&mut library).unwrap().is_none());
    // Tags filter the list.
    let tagged = list_articles(
        &library,
        &ArticleFilter {
            tag: Some("budget".to_owned()),
            ..ArticleFilter::default()
        },
        ArticleOrder::Newest,
    )
    .unwrap();
    assert_eq!(
        tagged.iter().map(|a| a.id).collect::<Vec<_>>(),
        [id],
        "an annotation's tag"
    );
}

#[test]
fn merge_then_split_restores_the_entities() {
    let (_folder, mut library, _) = library_with_council();
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    let id = |map: &MapView, name: &str| {
        map.nodes
            .iter()
            .find(|n| n.name == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", map.nodes))
            .id
    };
    let reed = id(&map, "Tom Reed");
    let vogel = id(&map, "Jonas Vogel");
    // The speakers view offers the same entity for each speaker.
    let facets = library_facets(&library).unwrap();
    let entity_of = |name: &str| {
        facets
            .speakers
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .entity
    };
    assert_eq!(
        (entity_of("Tom Reed"), entity_of("Jonas Vogel")),
        (Some(reed), Some(vogel))
    );
    assert!(facets.outlets.iter().all(|o| o.entity.is_none()));
    let n_nodes = map.nodes.len();

    let merged = merge_entities(&mut library, reed, vogel).unwrap();
    let after = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    assert_eq!(after.nodes.len(), n_nodes - 1);
    let node = after.nodes.iter().find(|n| n.id == merged).unwrap();
    assert_eq!(node.name, "Jonas Vogel");
    let names: Vec<String> = entity_view(&library, merged)
        .unwrap()
        .aliases
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert!(names.contains(&"Tom Reed".to_owned()), "{names:?}");
    // The speakers view knows Reed's quotation under the merged name.
    assert_eq!(speaker_quotes(&library, "Jonas Vogel").unwrap().len(), 2);

    let back = split_entity(&mut library, merged, "Tom Reed").unwrap();
    let restored = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    assert_eq!(restored.nodes.len(), n_nodes);
    assert_eq!(
        restored.nodes.iter().find(|n| n.id == back).unwrap().name,
        "Tom Reed"
    );
    let names: Vec<String> = entity_view(&library, id(&restored, "Jonas Vogel"))
        .unwrap()
        .aliases
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(names, ["Jonas Vogel"]);
    assert_eq!(speaker_quotes(&library, "Tom Reed").unwrap().len(), 1);

    // A rename shows everywhere and is undone like anything else.
    let renamed = rename_entity(&mut library, back, "Thomas Reed").unwrap();
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    assert_eq!(
        map.nodes.iter().find(|n| n.id == renamed).unwrap().name,
        "Thomas Reed"
    );
    assert!(
        library_facets(&library)
            .unwrap()
            .speakers
            .iter()
            .any(|s| s.name == "Thomas Reed")
    );
    undo(&mut library).unwrap();
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    assert!(map.nodes.iter().any(|n| n.name == "Tom Reed"));
}

#[test]
fn bad_edits_are_refused_with_a_reason_and_change_nothing() {
    let (_folder, mut library, id) = library_with_council();
    let article = get_article(&library, id).unwrap().unwrap();
    let n = article.text.chars().count() as u32;
    let plain = AnnotationInput::default();
    let refused = |result: Result<AnnotationView, EditError>, words: &str| match result {
        Err(EditError::Invalid(message)) | Err(EditError::NotFound(message)) => {
            assert!(message.contains(words), "{message:?} should say {words:?}")
        }
        other => panic!("expected a refusal saying {words:?}, got {other:?}"),
    };
    refused(add_annotation(&mut library, id, 5, 5, &plain), "empty");
    refused(add_annotation(&mut library, id, 9, 3, &plain), "empty");
    refused(
        add_annotation(&mut library, id, n - 2, n + 5, &plain),
        "outside",
    );
    let blank = article.text.find("\n\n").unwrap();
    let blank = article.text[..blank].chars().count() as u32;
    refused(
        add_annotation(&mut library, id, blank, blank + 2, &plain),
        "white space",
    );
    refused(
        add_annotation(&mut library, 999, 0, 4, &plain),
        "no article #999",
    );
    // The flag is two code points, one character: a span may not end between them.
    let (flag, _) = span_of(&article, "🇩🇪");
    refused(
        add_annotation(&mut library, id, flag - 3, flag + 1, &plain),
        "cuts a character",
    );
    refused(
        add_annotation(&mut library, id, flag + 1, flag + 5, &plain),
        "cuts a character",
    );
    assert!(add_annotation(&mut library, id, flag, flag + 2, &plain).is_ok());
    undo(&mut library).unwrap();
    let huge = AnnotationInput {
        note: "x".repeat(1 << 20),
        ..AnnotationInput::default()
    };
    refused(add_annotation(&mut library, id, 0, 4, &huge), "longer than");
    let control = AnnotationInput {
        note: "bell \u{7}".to_owned(),
        ..AnnotationInput::default()
    };
    refused(add_annotation(&mut library, id, 0, 4, &control), "control");
    let bad_tag = AnnotationInput {
        tags: vec!["a\u{0}b".to_owned()],
        ..AnnotationInput::default()
    };
    refused(add_annotation(&mut library, id, 0, 4, &bad_tag), "control");
    let bad_colour = AnnotationInput {
        color: "red; background: url(x)".to_owned(),
        ..AnnotationInput::default()
    };
    refused(
        add_annotation(&mut library, id, 0, 4, &bad_colour),
        "unknown colour",
    );
    // Markup is text: kept as typed, never interpreted.
    let markup = AnnotationInput {
        note: "<script>alert(1)</script> <b>bold</b>".to_owned(),
        tags: vec!["<i>tag</i>".to_owned()],
        ..AnnotationInput::default()
    };
    let made = add_annotation(&mut library, id, 0, 4, &markup).unwrap();
    assert_eq!(made.note, markup.note);
    assert_eq!(made.tags, ["<i>tag</i>"]);
    delete_annotation(&mut library, made.id).unwrap();

    assert!(matches!(
        merge_entities(&mut library, 1, 1),
        Err(EditError::Invalid(_))
    ));
    assert!(matches!(
        merge_entities(&mut library, 1, 999_999),
        Err(EditError::NotFound(_))
    ));
    assert!(matches!(
        rename_entity(&mut library, 999_999, "X"),
        Err(EditError::NotFound(_))
    ));
    assert!(matches!(
        reject_quote(&mut library, "nonsense"),
        Err(EditError::NotFound(_))
    ));
    assert!(matches!(
        reject_quote(&mut library, "u999"),
        Err(EditError::NotFound(_))
    ));
    let any = article.quotes[0].id.clone();
    assert!(matches!(
        set_quote_kind(&mut library, &any, "rumour"),
        Err(EditError::Invalid(_))
    ));
    let nobody = SpeakerInput::default();
    assert!(matches!(
        set_quote_speaker(&mut library, &any, &nobody),
        Err(EditError::Invalid(_))
    ));

    // Nothing of it stuck: the article is as it was, and only the one good note was
    // ever stored (and deleted).
    let after = get_article(&library, id).unwrap().unwrap();
    assert_eq!(after, article);
    assert_eq!(library.history.undo.len(), 2);
    assert_eq!(
        library.history.redo.len(),
        0,
        "the flag's note was undone, then other changes came"
    );
}

#[test]
fn an_annotation_whose_text_moved_is_kept_and_flagged() {
    let (_folder, mut library, id) = library_with_council();
    let article = get_article(&library, id).unwrap().unwrap();
    let (start, end) = span_of(&article, "Anna Berg");
    let note = add_annotation(&mut library, id, start, end, &AnnotationInput::default()).unwrap();
    // The stored text is never rewritten; a row whose anchor no longer holds
    // (as after a damaged copy) is listed to be placed again, never dropped.
    library
        .connection_for_tests()
        .execute(
            "UPDATE user_annotations SET exact = 'Somebody Else' WHERE id = ?1",
            [note.id],
        )
        .unwrap();
    let list = list_annotations(&library, &AnnotationFilter::default(), 100).unwrap();
    assert_eq!(list.annotations.len(), 1);
    assert!(list.annotations[0].needs_anchoring);
    let shown = get_article(&library, id).unwrap().unwrap();
    assert!(
        shown
            .blocks
            .iter()
            .flat_map(|b| &b.segments)
            .all(|s| s.annotations.is_empty())
    );
    // Search finds notes and highlighted text.
    let found = list_annotations(
        &library,
        &AnnotationFilter {
            search: Some("somebod".to_owned()),
            ..AnnotationFilter::default()
        },
        100,
    )
    .unwrap();
    assert_eq!(found.annotations.len(), 1);
}

/// Offsets cross the boundary in code points: a span after non-ASCII text
/// selects the same characters the UI selected.
#[test]
fn code_point_offsets_select_the_same_characters_after_non_ascii_text() {
    let (_folder, mut library, id) = library_with_council();
    let article = get_article(&library, id).unwrap().unwrap();
    // “ and ” are three bytes each in UTF-8, one code point each.
    let (start, end) = span_of(&article, "said councillor Tom Reed");
    let note = add_annotation(&mut library, id, start, end, &AnnotationInput::default()).unwrap();
    assert_eq!(note.exact, "said councillor Tom Reed");
    assert_eq!((note.start, note.end), (start, end));
    let view = get_article(&library, id).unwrap().unwrap();
    let segments: Vec<&SegmentView> = view
        .blocks
        .iter()
        .flat_map(|b| b.segments.iter())
        .filter(|s| !s.annotations.is_empty())
        .collect();
    let shown: String = segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(shown, "said councillor Tom Reed");
    assert_eq!(segments[0].start, start);
}

/// Found by the crash test: confirming a nested quotation linked the confirmation
/// to its parent (which covers the same words), so the parent and its speaker
/// disappeared from the reader and from the entities, and the nested quotation
/// showed twice. A version belongs to the quotation closest to it.
#[test]
fn confirming_a_nested_quotation_leaves_its_parent_and_speaker() {
    let (_folder, mut library, id) = library_with_article(
        "Senate race\n\n“When my opponent says ‘we will win this year’, he forgets the polls,” \
         Senator Jane Doe said.\n",
    );
    let before = get_article(&library, id).unwrap().unwrap();
    let outer = quote_with(&before, "he forgets the polls").clone();
    let nested = before
        .quotes
        .iter()
        .find(|q| q.nested)
        .expect("the nested quotation")
        .clone();
    assert_eq!(speaker_of(&before, &outer).as_deref(), Some("Jane Doe"));
    let mentions = |library: &Library| {
        library
            .connection_for_tests()
            .query_row(
                "SELECT count(*) FROM entity_mentions WHERE article_id = ?1",
                [id],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    let mentions_before = mentions(&library);
    confirm_quote(&mut library, &nested.id).unwrap();
    let after = get_article(&library, id).unwrap().unwrap();
    assert_eq!(
        after.quotes.len(),
        before.quotes.len(),
        "{:#?}",
        after.quotes
    );
    let outer_after = quote_with(&after, "he forgets the polls");
    assert_eq!(outer_after.status, "machine");
    assert_eq!(speaker_of(&after, outer_after).as_deref(), Some("Jane Doe"));
    let confirmed: Vec<&QuoteView> = after
        .quotes
        .iter()
        .filter(|q| q.status == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0].text, "we will win this year");
    assert!(confirmed[0].nested);
    let mentions_after = mentions(&library);
    assert_eq!(mentions_after, mentions_before);
}
