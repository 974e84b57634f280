use super::*;
use ts_rs::Config;

/// Imports with the default options at a fixed time.
fn import(
    library: &mut Library,
    paths: &[PathBuf],
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> ImportReport {
    import_files(
        library,
        paths,
        &ImportOptions::default(),
        "2026-01-01T00:00:00Z",
        progress,
    )
}

/// Files are read on several threads but stored in the order given, so article
/// numbers follow the files whatever thread finished first; a bad file in the middle
/// is named and the rest go in.
#[test]
fn a_parallel_import_stores_in_file_order() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let paths: Vec<PathBuf> = (0..40)
        .map(|n| {
            let path = folder.path().join(format!("{n:02}.txt"));
            // Longer texts first, so the first files take the longest to analyse.
            let body = "The council said the budget would pass. ".repeat(200 - 4 * n);
            let text = if n == 17 {
                String::new()
            } else {
                format!("Article {n:02}\n\n{body}")
            };
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let mut done = Vec::new();
    let report = import(&mut library, &paths, &mut |step| {
        done.push(step.done);
        true
    });
    assert_eq!(done, (0..40).collect::<Vec<u32>>());
    assert!(!report.cancelled);
    assert_eq!(report.failures.len(), 1);
    assert!(report.failures[0].path.ends_with("17.txt"));
    let titles: Vec<&str> = report.added.iter().map(|a| a.title.as_str()).collect();
    let expected: Vec<String> = (0..40)
        .filter(|&n| n != 17)
        .map(|n| format!("Article {n:02}"))
        .collect();
    assert_eq!(titles, expected);
    assert!(report.added.windows(2).all(|w| w[0].id < w[1].id));
    // The log's lines name the files, never the articles' titles.
    let log = report.log_lines();
    assert_eq!(log.len(), 40);
    assert!(
        log[0].starts_with("imported ") && log[0].ends_with("00.txt as #2"),
        "{}",
        log[0]
    );
    assert!(log.iter().all(|line| !line.contains("Article ")), "{log:?}");
    assert!(
        log[39].starts_with("failed ") && log[39].contains("17.txt"),
        "{}",
        log[39]
    );
}

/// Help › About carries the last lines of the app's log, read from its end only,
/// and still opens when there is no log yet.
#[test]
fn about_carries_the_end_of_the_log() {
    let folder = tempfile::tempdir().unwrap();
    let library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let log = folder.path().join("quotemap.log");
    let none = about(&library, "9.9.9", Some(&log));
    assert_eq!(none.log_file.as_deref(), Some(log.to_str().unwrap()));
    assert!(none.log_tail.is_empty());
    assert_eq!(about(&library, "9.9.9", None).log_file, None);

    // Long enough that only its end is read, which starts in the middle of a line.
    let lines: Vec<String> = (0..2000)
        .map(|n| format!("[info] line {n:04} of the log"))
        .collect();
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let info = about(&library, "9.9.9", Some(&log));
    assert_eq!(info.app_version, "9.9.9");
    assert_eq!(info.log_tail.len(), LOG_TAIL_LINES);
    assert_eq!(info.log_tail.last().unwrap(), "[info] line 1999 of the log");
    assert_eq!(
        info.log_tail[0],
        format!("[info] line {:04} of the log", 2000 - LOG_TAIL_LINES)
    );

    std::fs::write(&log, "first\nsecond").unwrap();
    assert_eq!(
        about(&library, "9.9.9", Some(&log)).log_tail,
        ["first", "second"]
    );
}

/// `count` article files `0.txt`, `1.txt`, … in `folder`, with the text `text(n)`.
fn numbered_articles(folder: &Path, count: usize, text: impl Fn(usize) -> String) -> Vec<PathBuf> {
    (0..count)
        .map(|n| {
            let file = folder.join(format!("{n}.txt"));
            std::fs::write(&file, text(n)).unwrap();
            file
        })
        .collect()
}

/// A much-quoted person's panel gets the first page of quotations and their
/// number; the pages after it, asked for one by one, are the rest of the same
/// list, in the same order, with nothing twice and nothing left out.
#[test]
fn an_entitys_quotations_come_a_page_at_a_time() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let files = numbered_articles(folder.path(), 45, |n| {
        format!(
            "Harbour {n}\n\nShips came in on day {n}.\n\n\"Traffic is steady,\" said the mayor, Ana Ruiz.\n\n\"We will build a second pier,\" Ruiz said.\n\n\"Nobody will lose a job,\" she added.\n"
        )
    });
    import(&mut library, &files, &mut |_| true);
    let everything = speaker_quotes(&library, "Ana Ruiz").unwrap();
    assert_eq!(
        everything.len(),
        135,
        "three quotations in each of 45 articles"
    );
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    let ruiz = map.nodes.iter().find(|n| n.name == "Ana Ruiz").unwrap();
    let entity = entity_view(&library, ruiz.id).unwrap();
    assert_eq!(entity.n_quotes, 135);
    assert_eq!(entity.quotes.len() as u32, ENTITY_QUOTES_PAGE);
    let mut paged = entity.quotes.clone();
    while paged.len() < entity.n_quotes as usize {
        let page =
            entity_quotes(&library, ruiz.id, paged.len() as u32, ENTITY_QUOTES_PAGE).unwrap();
        assert!(!page.is_empty());
        paged.extend(page);
    }
    assert_eq!(paged, everything);
    assert!(
        entity_quotes(&library, ruiz.id, 135, ENTITY_QUOTES_PAGE)
            .unwrap()
            .is_empty()
    );
}

/// A column's "I" is its byline's person, in the import and after re-analysis;
/// without a byline (or with one naming several people) it stays the narrator.
#[test]
fn a_columns_narrator_is_the_bylines_person() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let column = "\"The budget is late again,\" I told the council on Monday. \"Nobody can plan a school year like this.\"";
    let records = [
        ("Late again", Some("By Mara Stein, City Desk")),
        ("Late once more", None),
        ("Late for ever", Some("Mara Stein and Olu Bayo")),
    ]
    .iter()
    .map(|(title, author)| {
        let mut record = serde_json::json!({ "title": title, "text": column });
        if let Some(author) = author {
            record["author"] = serde_json::json!(author);
        }
        record.to_string()
    })
    .collect::<Vec<_>>()
    .join("\n");
    let path = folder.path().join("columns.jsonl");
    std::fs::write(&path, records).unwrap();
    import(&mut library, &[path], &mut |_| true);
    let by_name = |library: &Library, name: &str| {
        speaker_quotes(library, name)
            .unwrap()
            .into_iter()
            .map(|q| q.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by_name(&library, "Mara Stein"),
        ["Late again", "Late again"]
    );
    assert_eq!(
        by_name(&library, "the narrator"),
        [
            "Late once more",
            "Late once more",
            "Late for ever",
            "Late for ever"
        ]
    );
    // Analysed again (as after an engine upgrade): the byline is read from the library.
    reanalyze(&mut library, None).unwrap();
    assert_eq!(
        by_name(&library, "Mara Stein"),
        ["Late again", "Late again"]
    );
}

/// The window reads through one connection while an import writes through
/// another: reading never waits for the import, and the window learns of the
/// import's articles (and of another process's) from `outside_changes`, which its
/// own edits leave alone.
#[test]
fn a_second_connection_imports_while_the_first_reads_and_notices() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.sqlite3");
    let mut window = open_library(&path).unwrap();
    let mut importer = open_library(&path).unwrap();
    let before = outside_changes(&window).unwrap();
    let n_before = library_info(&window).unwrap().n_articles;
    let files = numbered_articles(folder.path(), 3, |n| {
        format!("Story {n}\n\n\"We will win,\" the mayor said.")
    });
    let mut reads_during_import = 0;
    let report = import(&mut importer, &files, &mut |_| {
        // Between the importer's transactions the window's connection reads freely.
        list_articles(&window, &ArticleFilter::default(), ArticleOrder::Newest).unwrap();
        reads_during_import += 1;
        true
    });
    assert_eq!(report.added.len(), 3, "{report:?}");
    assert_eq!(reads_during_import, 3);
    let after_import = outside_changes(&window).unwrap();
    assert_ne!(after_import, before, "the importer's commits are noticed");
    assert_eq!(library_info(&window).unwrap().n_articles, n_before + 3);
    // The window's own edit is not an outside change.
    let article = report.added[0].id;
    set_reviewed(&mut window, article, true).unwrap();
    assert_eq!(outside_changes(&window).unwrap(), after_import);
    // …but the importer's connection sees it.
    let importer_seen = outside_changes(&importer).unwrap();
    set_reviewed(&mut window, article, false).unwrap();
    assert_ne!(outside_changes(&importer).unwrap(), importer_seen);
}

/// Cancelling stops before the next file; what is in stays in, and progress counts files.
#[test]
fn import_reports_progress_and_stops_when_asked() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let paths: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|name| {
            let path = folder.path().join(format!("{name}.txt"));
            std::fs::write(
                &path,
                format!("Headline {name}\n\nThe body of article {name} says enough."),
            )
            .unwrap();
            path
        })
        .collect();
    let mut steps = Vec::new();
    let report = import(&mut library, &paths, &mut |step| {
        steps.push((step.done, step.total));
        step.done < 1
    });
    assert_eq!(steps, [(0, 3), (1, 3)]);
    assert!(report.cancelled);
    assert_eq!(report.added.len(), 1);
    assert_eq!(
        list_articles(&library, &ArticleFilter::default(), ArticleOrder::Newest)
            .unwrap()
            .len(),
        2,
        "the sample and the one imported"
    );
}

/// The TypeScript files the UI imports; regenerate with `UPDATE_BINDINGS=1 cargo test`.
#[test]
fn search_finds_quotes_as_typed_and_never_fails_on_syntax() {
    let folder = tempfile::tempdir().unwrap();
    let library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    // The sample article is there on first open.
    let hits = search(&library, "lavro", 20).unwrap();
    assert_eq!(hits.len(), 1, "a prefix finds the sample");
    assert!(
        hits[0]
            .snippet
            .iter()
            .any(|p| p.hit && p.text.starts_with("Lavrov"))
    );
    assert!(hits[0].snippet.iter().all(|p| !p.text.contains('\u{E000}')));
    // A phrase from a quotation lands on that quotation.
    let phrase = "\"will not enter any treaty\"";
    let hits = search(&library, phrase, 20).unwrap();
    assert_eq!(hits.len(), 1);
    let article = get_article(&library, hits[0].id).unwrap().unwrap();
    let quote = hits[0].quote.expect("the quotation holding the phrase");
    assert!(
        article.quotes[quote as usize]
            .text
            .contains("will not enter any treaty")
    );
    // Words that are not there, and input that is FTS5 syntax, give nothing, not errors.
    for input in [
        "zanzibar",
        "",
        "  ",
        "\"",
        "NEAR(",
        "* - ^",
        "AND OR NOT",
        "title:x",
        "\"\"\"",
    ] {
        let hits = search(&library, input, 20).unwrap();
        assert!(hits.is_empty() || input == "title:x", "{input:?}: {hits:?}");
    }
}

#[test]
fn filters_combine_and_facets_count() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let file = folder.path().join("port.txt");
    std::fs::write(
        &file,
        "Mar 3, 2020 09:15 Europe/Paris\n\nPort reopens\n\n\
             The port reopened on Tuesday, the harbour master said.\n\n\
             “We are open again,” said Maria Okafor.\n",
    )
    .unwrap();
    let report = import(&mut library, &[file], &mut |_| true);
    assert_eq!(report.added.len(), 1);
    let titles = |filter: ArticleFilter| -> Vec<String> {
        list_articles(&library, &filter, ArticleOrder::Newest)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    let sample = "Iraq not to enter anti Iran alliance".to_owned();
    let port = "Port reopens".to_owned();
    assert_eq!(
        titles(ArticleFilter::default()),
        vec![port.clone(), sample.clone()]
    );
    let by = |speaker: &str| ArticleFilter {
        speaker: Some(speaker.to_owned()),
        ..ArticleFilter::default()
    };
    assert_eq!(titles(by("Sergei Lavrov")), vec![sample.clone()]);
    assert_eq!(titles(by("Maria Okafor")), vec![port.clone()]);
    assert_eq!(
        titles(ArticleFilter {
            kind: Some("mixed".to_owned()),
            ..by("Maria Okafor")
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        titles(ArticleFilter {
            outlet: Some("Iran Press".to_owned()),
            ..ArticleFilter::default()
        }),
        vec![sample.clone()]
    );
    let dated = ArticleFilter {
        from: Some("2020-01-01".to_owned()),
        to: Some("2020-12-31".to_owned()),
        ..ArticleFilter::default()
    };
    assert_eq!(titles(dated), vec![port.clone()]);
    // Naming an entity: the sample names Russia, the port article does not.
    let facets = library_facets(&library).unwrap();
    let russia = facets
        .entities
        .iter()
        .find(|e| e.name == "Russia")
        .unwrap()
        .id;
    assert_eq!(
        titles(ArticleFilter {
            entity: Some(russia),
            ..ArticleFilter::default()
        }),
        vec![sample.clone()]
    );
    let listed = list_articles(&library, &ArticleFilter::default(), ArticleOrder::Newest).unwrap();
    assert!(listed.iter().all(|a| a.n_quotes > 0));
    let facets = library_facets(&library).unwrap();
    let lavrov = facets
        .speakers
        .iter()
        .find(|s| s.name == "Sergei Lavrov")
        .unwrap();
    assert_eq!((lavrov.n_articles, lavrov.n_quotes > 1), (1, true));
    assert!(
        facets
            .outlets
            .iter()
            .any(|o| o.name == "Iran Press" && o.n_articles == 1)
    );
    // The timeline counts quotations by month; a speaker filter keeps theirs only.
    let all = quote_timeline(&library, &ArticleFilter::default()).unwrap();
    assert_eq!(
        all.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
        ["2019-01", "2020-03"]
    );
    let his = quote_timeline(&library, &by("Sergei Lavrov")).unwrap();
    assert_eq!(his.len(), 1);
    assert_eq!(
        his[0].direct + his[0].indirect + his[0].mixed,
        lavrov.n_quotes
    );
    // Zarif spoke "On Jan. 17": that is the day of his statement.
    let sample_view = get_article(&library, 1).unwrap().unwrap();
    let zarif = sample_view
        .speakers
        .iter()
        .position(|s| s.name == "Mohammad Javad Zarif")
        .unwrap() as u32;
    assert!(
        sample_view
            .quotes
            .iter()
            .any(|q| q.speaker == Some(zarif) && q.said_on.as_deref() == Some("2019-01-17"))
    );
    // A speaker's quotations across the library point at the right quotation of each article.
    let quotes = speaker_quotes(&library, "Sergei Lavrov").unwrap();
    assert_eq!(quotes.len() as u32, lavrov.n_quotes);
    for quote in &quotes {
        let article = get_article(&library, quote.article_id).unwrap().unwrap();
        let shown = &article.quotes[quote.index as usize];
        assert_eq!(shown.text, quote.text);
        assert_eq!(
            article.speakers[shown.speaker.unwrap() as usize].name,
            "Sergei Lavrov"
        );
    }
}

#[test]
fn one_entity_per_person_across_articles_and_a_map_with_evidence() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    // The sample names "Iranian Foreign Minister Mohammad Javad Zarif"; this article only "Zarif".
    let file = folder.path().join("zarif.txt");
    std::fs::write(
        &file,
        "Feb 2, 2019 10:00 Asia/Tehran\n\nZarif on talks\n\n\
             “Iran and Iraq will deepen their cooperation,” Zarif said on Saturday.\n",
    )
    .unwrap();
    let report = import(&mut library, &[file], &mut |_| true);
    assert_eq!(report.added.len(), 1);
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    // The speakers view and filter know him under one name too.
    let facets = library_facets(&library).unwrap();
    let zarifs: Vec<&NameCountView> = facets
        .speakers
        .iter()
        .filter(|s| s.name.ends_with("Zarif"))
        .collect();
    assert_eq!(zarifs.len(), 1, "{:?}", facets.speakers);
    assert_eq!(
        (zarifs[0].name.as_str(), zarifs[0].n_articles),
        ("Mohammad Javad Zarif", 2)
    );
    let by_zarif = ArticleFilter {
        speaker: Some("Mohammad Javad Zarif".to_owned()),
        ..ArticleFilter::default()
    };
    assert_eq!(
        list_articles(&library, &by_zarif, ArticleOrder::Newest)
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        speaker_quotes(&library, "Mohammad Javad Zarif")
            .unwrap()
            .len() as u32,
        zarifs[0].n_quotes
    );
    let zarif: Vec<&MapNodeView> = map
        .nodes
        .iter()
        .filter(|n| n.name.ends_with("Zarif"))
        .collect();
    assert_eq!(zarif.len(), 1, "{:?}", map.nodes);
    assert_eq!(zarif[0].name, "Mohammad Javad Zarif");
    assert_eq!(zarif[0].n_articles, 2);
    // Sized by quotations, the map counts what the Speakers view counts.
    assert_eq!(zarif[0].n_quotes, zarifs[0].n_quotes);
    let entity = entity_view(&library, zarif[0].id).unwrap();
    let names: Vec<&str> = entity.aliases.iter().map(|(a, _)| a.as_str()).collect();
    assert!(
        names.contains(&"Zarif") && names.contains(&"Mohammad Javad Zarif"),
        "{names:?}"
    );
    assert!(entity.quotes.len() >= 3, "his quotations in both articles");
    // Exactly the Speakers view's quotations of him, oldest first, each pointing at
    // its quotation among all of its article's (the index counts the others too).
    assert_eq!(entity.quotes.len() as u32, zarifs[0].n_quotes);
    assert_eq!(entity.n_quotes, zarifs[0].n_quotes);
    assert_eq!(
        entity.quotes,
        speaker_quotes(&library, "Mohammad Javad Zarif").unwrap()
    );
    for quote in &entity.quotes {
        let article = get_article(&library, quote.article_id).unwrap().unwrap();
        let shown = &article.quotes[quote.index as usize];
        assert_eq!(shown.text, quote.text);
        assert!(
            article.speakers[shown.speaker.unwrap() as usize]
                .name
                .ends_with("Zarif")
        );
    }
    assert!(
        entity.quotes.iter().any(|q| q.index > 0),
        "a quotation after others' in its article"
    );
    // Iran–Iraq cooperation now rests on both articles.
    let id = |name: &str| map.nodes.iter().find(|n| n.name == name).unwrap().id;
    let edge = map
        .edges
        .iter()
        .find(|e| {
            e.kind == "cooperation"
                && [e.from, e.to].contains(&id("Iran"))
                && [e.from, e.to].contains(&id("Iraq"))
        })
        .expect("Iran–Iraq cooperation");
    let evidence = edge_evidence(&library, &edge.kind, edge.from, edge.to).unwrap();
    assert_eq!(edge.weight as usize, evidence.len());
    // The time window's days: one per evidence sentence, oldest first; both articles are dated.
    assert_eq!(edge.days.len(), evidence.len(), "{:?}", edge.days);
    assert!(edge.days.is_sorted(), "{:?}", edge.days);
    assert!(
        edge.days.contains(&"2019-02-02".to_owned()),
        "{:?}",
        edge.days
    );
    assert!(
        evidence
            .iter()
            .any(|e| e.sentence.contains("deepen their cooperation"))
    );
    assert!(
        evidence
            .iter()
            .any(|e| e.sentence.contains("will not enter any treaty"))
    );
    // The map of one article holds only its own entities.
    let one = relation_map(
        &library,
        &ArticleFilter::default(),
        Some(report.added[0].id),
    )
    .unwrap();
    assert!(
        one.nodes
            .iter()
            .all(|n| ["Mohammad Javad Zarif", "Iran", "Iraq"].contains(&n.name.as_str())),
        "{:?}",
        one.nodes
    );
}

#[test]
fn an_honorific_and_a_surname_join_the_person_named_in_full_in_another_article() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let write = |name: &str, text: &str| {
        let file = folder.path().join(name);
        std::fs::write(&file, text).unwrap();
        file
    };
    // Only "Mr Varga" here; the full name in the next article; another Varga in the last.
    let files = [
        write(
            "first.txt",
            "Jan 20, 2021 09:00 Europe/London\n\nHarbour deal stalls\n\n\
             \"The deal is not dead,\" Mr Varga told reporters.\n",
        ),
        write(
            "second.txt",
            "Jan 22, 2021 09:00 Europe/London\n\nHarbour talks\n\n\
             \"We want the deal signed this year,\" President Tomas Varga said.\n",
        ),
        write(
            "third.txt",
            "Jan 24, 2021 09:00 Europe/London\n\nA different Varga\n\n\
             \"The boats are ready,\" harbour master Ilona Varga said.\n",
        ),
    ];
    let report = import(&mut library, &files, &mut |_| true);
    assert_eq!(report.added.len(), 3, "{:?}", report.failures);
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    let vargas: Vec<&str> = map
        .nodes
        .iter()
        .filter(|n| n.name.ends_with("Varga"))
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(vargas.len(), 2, "{vargas:?}");
    assert!(
        vargas.contains(&"Tomas Varga") && vargas.contains(&"Ilona Varga"),
        "{vargas:?}"
    );
    let tomas = map.nodes.iter().find(|n| n.name == "Tomas Varga").unwrap();
    assert_eq!(tomas.n_articles, 2);
    assert_eq!(tomas.n_quotes, 2);
    let aliases: Vec<String> = entity_view(&library, tomas.id)
        .unwrap()
        .aliases
        .into_iter()
        .map(|(alias, _)| alias)
        .collect();
    assert!(aliases.contains(&"Mr Varga".to_owned()), "{aliases:?}");
}

#[test]
fn map_positions_are_kept_per_scope_and_survive_reopening() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.sqlite3");
    let mut library = open_library(&path).unwrap();
    let all = ArticleFilter::default();
    let map = relation_map(&library, &all, None).unwrap();
    assert!(map.nodes.len() >= 3);
    assert!(map_positions(&library, &all, None).unwrap().is_empty());
    let placed: Vec<MapPosition> = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| MapPosition {
            entity: n.id,
            x: i as f64 * 10.0,
            y: -(i as f64),
        })
        .collect();
    let mut offered = placed.clone();
    // An entity that does not exist and a position that is not a number are skipped.
    offered.push(MapPosition {
        entity: 999_999,
        x: 1.0,
        y: 1.0,
    });
    offered.push(MapPosition {
        entity: map.nodes[0].id,
        x: f64::NAN,
        y: 0.0,
    });
    assert_eq!(
        save_map_positions(&mut library, &all, None, &offered).unwrap(),
        placed.len()
    );
    // Moved again: the newer place wins.
    let moved = MapPosition {
        entity: map.nodes[1].id,
        x: 500.0,
        y: 250.0,
    };
    save_map_positions(&mut library, &all, None, &[moved]).unwrap();
    drop(library);
    let mut library = open_library(&path).unwrap();
    let mut expected = placed.clone();
    expected[1] = moved;
    expected.sort_by_key(|p| p.entity);
    assert_eq!(map_positions(&library, &all, None).unwrap(), expected);
    // Another scope (a filter, one article) has its own layout.
    let persons = ArticleFilter {
        speaker: Some("Sergei Lavrov".to_owned()),
        ..ArticleFilter::default()
    };
    assert!(map_positions(&library, &persons, None).unwrap().is_empty());
    let article = list_articles(&library, &all, ArticleOrder::Newest).unwrap()[0].id;
    assert!(
        map_positions(&library, &all, Some(article))
            .unwrap()
            .is_empty()
    );
    reset_map_positions(&mut library, &all, None).unwrap();
    assert!(map_positions(&library, &all, None).unwrap().is_empty());
}

#[test]
fn typescript_bindings_are_current() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    let config = Config::new().with_large_int("number");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    macro_rules! check {
            ($($ty:ty),* $(,)?) => {$(
                let name = format!("{}.ts", stringify!($ty));
                let generated = <$ty as TS>::export_to_string(&config).unwrap();
                let path = folder.join(&name);
                if update {
                    std::fs::create_dir_all(&folder).unwrap();
                    std::fs::write(&path, &generated).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
                    stale.push(name);
                }
            )*};
        }
    check!(
        ArticleSummary,
        ArticleOrder,
        ArticlePage,
        BlockRole,
        SegmentView,
        BlockView,
        SpeakerView,
        QuoteView,
        ArticleView,
        ImportedArticle,
        DuplicateArticle,
        ImportFailure,
        ImportReport,
        ImportProgress,
        LibraryInfo,
        ReanalysisStatus,
        AboutInfo,
        SnippetPart,
        SearchHit,
        ArticleFilter,
        NameCountView,
        LibraryFacets,
        SpeakerQuoteView,
        TimelineMonth,
        MapNodeView,
        MapEdgeView,
        MapView,
        MapPosition,
        EvidenceView,
        EntityView,
        EntityFacet,
        AnnotationView,
        AnnotationInput,
        AnnotationFilter,
        AnnotationList,
        TagCount,
        SpeakerInput,
        ExportFormat,
        ReportGrouping,
        ExportScope,
        ExportCounts,
        ExportProgress,
        ExportSummary,
        HistoryStep,
    );
    assert!(
        stale.is_empty(),
        "stale bindings {stale:?}: run `UPDATE_BINDINGS=1 cargo test`"
    );
}

/// A document read from bytes (no library, no file system): the articles an
/// import would store; a bad record is named and the others come; an unknown
/// format or a damaged file is an error naming the file.
#[test]
fn a_document_read_from_bytes_gives_its_articles_or_the_reason() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ingest");
    let batch = std::fs::read(fixtures.join("news-export.jsonl")).unwrap();
    let records = read_document("feed.jsonl", &batch).unwrap();
    assert_eq!(records[0].label.as_deref(), Some("line 1"));
    let first = records[0].article.as_ref().unwrap();
    assert_eq!(
        first.title.as_deref(),
        Some("Minister resigns over budget row")
    );
    assert_eq!(first.format, "jsonl");
    assert!(first.text.contains("I can no longer defend these cuts"));
    let errors: Vec<&str> = records.iter().filter_map(|r| r.error.as_deref()).collect();
    assert_eq!(errors.len(), 2, "{records:?}");
    let page = std::fs::read(fixtures.join("saved-page.html")).unwrap();
    let records = read_document("page.html", &page).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].article.as_ref().unwrap().format, "html");
    let unknown = read_document("notes.xyz", b"hello").unwrap_err();
    assert!(unknown.starts_with("notes.xyz: "), "{unknown}");
    let damaged = std::fs::read(fixtures.join("truncated.pdf")).unwrap();
    let damaged = read_document("report.pdf", &damaged).unwrap_err();
    assert!(damaged.starts_with("report.pdf: "), "{damaged}");
}

#[test]
fn a_file_that_is_not_a_library_is_explained_in_plain_words_and_left_alone() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("notes.sqlite3");
    std::fs::write(&path, "my own notes, not a library\n").unwrap();
    let error = open_library(&path).expect_err("not a library");
    assert_eq!(
        open_failure_reason(&error),
        "This file is not a Quotemap library (it is not an SQLite database)."
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "my own notes, not a library\n"
    );
    // A folder where the file should be: SQLite cannot open it.
    let error = open_library(folder.path()).expect_err("a folder");
    assert!(
        open_failure_reason(&error).starts_with("The file cannot be opened"),
        "{error}"
    );
}

/// The list is read a page at a time in each order, by SQL: titles and outlets
/// case- and accent-blind with numbers by value, undated articles and those
/// without an outlet last, the most quoted first; pages join into the whole
/// list, and a filter's count is the list's length.
#[test]
fn the_list_is_read_a_page_at_a_time_in_each_order() {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    let file = folder.path().join("batch.jsonl");
    let line = |title: &str, outlet: Option<&str>, date: Option<&str>, quotes: usize| {
        let text = (0..quotes)
            .map(|n| format!("“We will reply {n} times,” said Maria Okafor."))
            .chain(["The council met on Tuesday.".to_owned()])
            .collect::<Vec<_>>()
            .join("\n\n");
        serde_json::json!({"title": title, "outlet": outlet, "published": date, "text": text})
            .to_string()
    };
    let lines = [
        line(
            "item 10 of the budget",
            Some("Zeitung"),
            Some("2024-03-01"),
            1,
        ),
        line(
            "Item 2 of the budget",
            Some("ápex news"),
            Some("2024-01-15"),
            3,
        ),
        line("Émile's letter", None, None, 0),
        line("Apex reply", Some("Apex News"), Some("2024-02-10"), 2),
        line("zoning vote", Some("Bay Herald"), None, 4),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let report = import(&mut library, &[file], &mut |_| true);
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let all = ArticleFilter::default();
    let titles = |order: ArticleOrder| -> Vec<String> {
        list_articles(&library, &all, order)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    let sample = "Iraq not to enter anti Iran alliance";
    assert_eq!(
        titles(ArticleOrder::Title),
        [
            "Apex reply",
            "Émile's letter",
            sample,
            "Item 2 of the budget",
            "item 10 of the budget",
            "zoning vote"
        ]
    );
    // "ápex news" and "Apex News" are one outlet for the order: by title within it.
    assert_eq!(
        titles(ArticleOrder::Outlet),
        [
            "Apex reply",
            "Item 2 of the budget",
            "zoning vote",
            sample,
            "item 10 of the budget",
            "Émile's letter"
        ]
    );
    assert_eq!(
        titles(ArticleOrder::Newest),
        [
            "item 10 of the budget",
            "Apex reply",
            "Item 2 of the budget",
            sample,
            "Émile's letter",
            "zoning vote"
        ]
    );
    assert_eq!(
        titles(ArticleOrder::Oldest),
        [
            sample,
            "Item 2 of the budget",
            "Apex reply",
            "item 10 of the budget",
            "Émile's letter",
            "zoning vote"
        ]
    );
    let by_quotes = list_articles(&library, &all, ArticleOrder::Quotes).unwrap();
    let counts: Vec<u32> = by_quotes.iter().map(|a| a.n_quotes).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let ours: Vec<&str> = by_quotes
        .iter()
        .map(|a| a.title.as_str())
        .filter(|title| *title != sample)
        .collect();
    assert_eq!(
        ours,
        [
            "zoning vote",
            "Item 2 of the budget",
            "Apex reply",
            "item 10 of the budget",
            "Émile's letter"
        ]
    );
    // Pages of two join into the whole list; past the end is empty; the total is
    // the list's length in every page.
    for order in [
        ArticleOrder::Newest,
        ArticleOrder::Oldest,
        ArticleOrder::Title,
        ArticleOrder::Outlet,
        ArticleOrder::Quotes,
    ] {
        let whole = list_articles(&library, &all, order).unwrap();
        let mut joined = Vec::new();
        for offset in (0..8).step_by(2) {
            let page = list_article_page(&library, &all, order, offset, 2).unwrap();
            assert_eq!((page.total, page.offset), (6, offset));
            joined.extend(page.articles);
        }
        assert_eq!(joined, whole, "{order:?}");
    }
    // A filter counts what it keeps; the page's length is bounded.
    let okafor = ArticleFilter {
        speaker: Some("Maria Okafor".to_owned()),
        ..ArticleFilter::default()
    };
    let page = list_article_page(&library, &okafor, ArticleOrder::Title, 0, u32::MAX).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.articles.len(), 4);
    assert_eq!(
        list_article_page(&library, &all, ArticleOrder::Title, 0, 0)
            .unwrap()
            .articles,
        []
    );
}

/// A library written before the list's sort keys existed gets them when it
/// opens, without the full-text index being rebuilt for every article.
#[test]
fn rows_without_sort_keys_get_them_on_opening() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.sqlite3");
    let library = open_library(&path).unwrap();
    library
        .connection_for_tests()
        .execute_batch(
            "INSERT INTO articles (content_sha256, format, title, outlet, text, blocks_json,
                                   encoding, imported_at)
             VALUES ('x1', 'txt', 'Ábaco talks', 'Zeta', 'Text one.', '[]', 'UTF-8', '2026-01-01'),
                    ('x2', 'txt', 'aardvark', NULL, 'Text two.', '[]', 'UTF-8', '2026-01-01');",
        )
        .unwrap();
    drop(library);
    let library = open_library(&path).unwrap();
    let missing: i64 = library
        .connection_for_tests()
        .query_row(
            "SELECT count(*) FROM articles WHERE title_key IS NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(missing, 0);
    let titles: Vec<String> =
        list_articles(&library, &ArticleFilter::default(), ArticleOrder::Title)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
    assert_eq!(
        titles,
        [
            "aardvark",
            "Ábaco talks",
            "Iraq not to enter anti Iran alliance"
        ]
    );
    // The full-text index still finds both (it was not touched by the keys).
    assert_eq!(search(&library, "aardvark", 5).unwrap().len(), 1);
}

/// Several articles go in one transaction, each inside its own savepoint: an
/// article the store refuses halfway leaves no row of its own and takes no
/// other article with it; a text given twice in one batch is a duplicate of
/// the first; another connection sees every article once the import returns.
#[test]
fn a_batch_keeps_each_article_whole_and_the_others_when_one_fails() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.sqlite3");
    let mut library = open_library(&path).unwrap();
    // The store refuses the quotations of one article, after its article row went in.
    library
        .connection_for_tests()
        .execute_batch(
            "CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON quotes
             WHEN (SELECT title FROM articles WHERE id = NEW.article_id) = 'Refused'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
    let write = |name: &str, text: &str| {
        let path = folder.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let said = "\"The bridge will open in May,\" the mayor said.";
    let paths = vec![
        write("1.txt", &format!("First\n\n{said} One.")),
        write("2.txt", &format!("Refused\n\n{said} Two.")),
        write("3.txt", &format!("Third\n\n{said} Three.")),
        write("4.txt", &format!("First\n\n{said} One.")),
    ];
    let report = import(&mut library, &paths, &mut |_| true);
    let titles: Vec<&str> = report.added.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["First", "Third"]);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(report.failures[0].path.ends_with("2.txt"));
    assert!(report.failures[0].reason.contains("refused by the test"));
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(report.duplicates[0].existing_id, report.added[0].id);
    // Another connection: both articles with their quotations, nothing of the refused one.
    let other = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { other.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM articles WHERE title = 'Refused'"),
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM articles WHERE title IN ('First', 'Third')"),
        2
    );
    assert_eq!(
        count(
            "SELECT count(DISTINCT article_id) FROM quotes
             WHERE article_id IN (SELECT id FROM articles WHERE title IN ('First', 'Third'))"
        ),
        2
    );
    assert_eq!(
        count("SELECT count(*) FROM speakers WHERE article_id NOT IN (SELECT id FROM articles)"),
        0
    );
}

/// After an engine upgrade a window opens at once and analyses the older articles
/// behind it, a step at a time and stoppable; a command's opening does it all first.
#[test]
fn articles_of_an_older_engine_are_analysed_again_after_opening() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("library.sqlite3");
    let mut library = open_library(&path).unwrap();
    let files = numbered_articles(folder.path(), 3, |n| {
        format!("Harbour {n}\n\n\"We will sign,\" Ana Ruiz said.\n")
    });
    import(&mut library, &files, &mut |_| true);
    let total = list_articles(&library, &ArticleFilter::default(), ArticleOrder::Newest)
        .unwrap()
        .len();
    drop(library);
    let older_engine = |path: &Path| {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection
            .execute(
                "UPDATE article_analysis SET engine_version = 'quotes-0'",
                [],
            )
            .unwrap();
    };
    older_engine(&path);

    let mut library = open_library_leaving_outdated(&path).unwrap();
    assert_eq!(library.articles_needing_analysis().unwrap().len(), total);
    assert_eq!(library_info(&library).unwrap().outdated, total as u64);
    // Stopped after the first: the rest waits.
    let mut heard = Vec::new();
    let report = reanalyse_outdated(&mut library, &mut |step| {
        heard.push(step);
        false
    })
    .unwrap();
    assert_eq!(report.done, 1);
    assert!(report.failed.is_empty());
    assert_eq!(
        heard,
        [ReanalysisProgress {
            done: 1,
            failed: 0,
            total: total as u32
        }]
    );
    assert_eq!(
        library.articles_needing_analysis().unwrap().len(),
        total - 1
    );
    let report = reanalyse_outdated(&mut library, &mut |_| true).unwrap();
    assert_eq!(report.done as usize, total - 1);
    assert!(library.articles_needing_analysis().unwrap().is_empty());
    assert_eq!(library_info(&library).unwrap().outdated, 0);
    let article = list_articles(&library, &ArticleFilter::default(), ArticleOrder::Oldest)
        .unwrap()
        .into_iter()
        .find(|a| a.title == "Harbour 1")
        .unwrap();
    let view = get_article(&library, article.id).unwrap().unwrap();
    let speaker = view.quotes[0].speaker.unwrap() as usize;
    assert_eq!(view.speakers[speaker].name, "Ana Ruiz");
    drop(library);

    older_engine(&path);
    let library = open_library(&path).unwrap();
    assert!(library.articles_needing_analysis().unwrap().is_empty());
}

/// A library of `count` articles as an older engine left it (all outdated),
/// with the rows `damage` picks (SQL, on `articles`) made unreadable; the
/// connection is closed before returning.
fn outdated_library_with_damaged_rows(folder: &Path, count: usize, damage: &str) -> PathBuf {
    let path = folder.join("library.sqlite3");
    let mut library = open_library(&path).unwrap();
    let files = numbered_articles(folder, count, |n| {
        format!("Harbour {n}\n\n\"We will sign,\" Ana Ruiz said.\n")
    });
    import(&mut library, &files, &mut |_| true);
    drop(library);
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute(
            "UPDATE article_analysis SET engine_version = 'quotes-0'",
            [],
        )
        .unwrap();
    connection
        .execute(
            &format!("UPDATE articles SET blocks_json = 'not json' WHERE {damage}"),
            [],
        )
        .unwrap();
    path
}

/// An article whose stored row cannot be read is named and left with its
/// earlier analysis; the articles after it are analysed again all the same,
/// and a command's opening says which one failed instead of answering half-old.
#[test]
fn a_damaged_article_does_not_stop_the_others_being_analysed_again() {
    let folder = tempfile::tempdir().unwrap();
    let path = outdated_library_with_damaged_rows(folder.path(), 4, "title = 'Harbour 2'");
    let damaged: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT id FROM articles WHERE title = 'Harbour 2'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let mut library = open_library_leaving_outdated(&path).unwrap();
    let total = library.articles_needing_analysis().unwrap().len();
    let mut last = None;
    let report = reanalyse_outdated(&mut library, &mut |step| {
        last = Some(step);
        true
    })
    .unwrap();
    assert_eq!(report.done as usize, total - 1);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].article_id, damaged);
    assert!(matches!(report.failed[0].error, StoreError::DamagedRow { id, .. } if id == damaged));
    assert_eq!(
        last,
        Some(ReanalysisProgress {
            done: total as u32 - 1,
            failed: 1,
            total: total as u32
        })
    );
    // Only the damaged one is still outdated, and is tried again next time.
    assert_eq!(library.articles_needing_analysis().unwrap(), [damaged]);
    assert_eq!(library_info(&library).unwrap().outdated, 1);
    drop(library);
    let error = open_library(&path).unwrap_err();
    assert!(
        matches!(error, StoreError::DamagedRow { id, .. } if id == damaged),
        "{error}"
    );
}

/// Failing article after article means the library itself is in trouble:
/// re-analysis stops with the error instead of reporting each of thousands.
#[test]
fn reanalysis_stops_after_failures_in_a_row() {
    let folder = tempfile::tempdir().unwrap();
    let path =
        outdated_library_with_damaged_rows(folder.path(), REANALYSIS_FAILURES_IN_A_ROW + 2, "1");
    let mut library = open_library_leaving_outdated(&path).unwrap();
    let mut steps = 0;
    let error = reanalyse_outdated(&mut library, &mut |_| {
        steps += 1;
        true
    })
    .unwrap_err();
    assert!(matches!(error, StoreError::DamagedRow { .. }), "{error}");
    assert_eq!(steps, REANALYSIS_FAILURES_IN_A_ROW - 1);
}
