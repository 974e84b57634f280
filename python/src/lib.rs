//! The Quotemap engine as the Python extension module `quotemap._native`
//! (wrapped by the package `quotemap`, see `python/quotemap/`): a face over
//! `quotemap_core::api` only, like the CLI and the desktop app.
//!
//! Results are plain Python dicts and lists made from the API's own types by
//! serde (pythonize), so their keys are the fields of the CLI's JSON and
//! their offsets the same Unicode code points (spans are `(start, end)`
//! tuples). The engine runs with the GIL released; the batch functions use
//! every core.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use quotemap_core::api;
use serde::Serialize;

pyo3::create_exception!(
    quotemap,
    QuotemapError,
    PyValueError,
    "Input the engine refuses (a page nested too deep, a publication date that is no date); \
     the message is the one the `quotemap` command gives."
);

/// A result as Python dicts, lists, strings, numbers and `None`.
fn to_python<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}

/// The strings of any iterable (a list, a tuple, a pandas Series, a generator);
/// anything else in it is a `TypeError` naming its position.
fn strings(argument: &str, items: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{argument}: expected an iterable of str, not one str"
        )));
    }
    each_item(argument, items, "str")
}

/// Like [`strings`], `None` allowed.
fn optional_strings(argument: &str, items: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    each_item(argument, items, "str or None")
}

/// Each item of an iterable as a `T`; an item of another type is a `TypeError`
/// naming its position and what was `expected`.
fn each_item<'py, T: FromPyObjectOwned<'py>>(
    argument: &str,
    items: &Bound<'py, PyAny>,
    expected: &str,
) -> PyResult<Vec<T>> {
    items
        .try_iter()?
        .enumerate()
        .map(|(index, item)| {
            let item = item?;
            item.extract::<T>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{argument}[{index}]: expected {expected}, not {}",
                    type_name(&item)
                ))
            })
        })
        .collect()
}

fn type_name(item: &Bound<'_, PyAny>) -> String {
    item.get_type()
        .name()
        .map_or_else(|_| "an object".to_owned(), |name| name.to_string())
}

/// The quotations in `text`: a list of dicts with the fields of `quotemap
/// extract` (start, end, text, kind, speaker, speaker_span, cue, cue_span,
/// confidence, group, nested, rule), offsets in code points of `text`.
/// `nested=True` also lists quotations inside other quotations.
#[pyfunction]
#[pyo3(signature = (text, *, nested = false))]
fn extract(py: Python<'_>, text: String, nested: bool) -> PyResult<Bound<'_, PyAny>> {
    let quotes = py.detach(|| api::extract_quotes(&text, nested));
    to_python(py, &quotes)
}

/// `extract` of each text of an iterable of str, on every core with the GIL
/// released: a list with one list of quotations per text, in their order.
#[pyfunction]
#[pyo3(signature = (texts, *, nested = false))]
fn extract_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    nested: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = strings("texts", texts)?;
    let quotes = py.detach(|| api::extract_quotes_batch(&texts, nested));
    to_python(py, &quotes)
}

/// Everything the engine finds in `text`: a dict with `quotes` (the fields of
/// `extract`, nested ones included, plus `speaker_index` and `said_on`),
/// `speakers`, `entities` (with their `mentions`) and `relations` (with the
/// `evidence` sentences), as `quotemap analyze` gives them. `published`
/// (`YYYY-MM-DD`, a time may follow) dates "yesterday" and "on Monday"; a
/// value that is no date raises `QuotemapError`.
#[pyfunction]
#[pyo3(signature = (text, published = None))]
fn analyze(py: Python<'_>, text: String, published: Option<String>) -> PyResult<Bound<'_, PyAny>> {
    let analysis = py
        .detach(|| api::analyze_text(&text, published.as_deref()))
        .map_err(QuotemapError::new_err)?;
    to_python(py, &analysis)
}

/// `analyze` of each text of an iterable of str, on every core with the GIL
/// released. `published` is None or an iterable of the same length (str or
/// None each). A date that is no date raises `QuotemapError` naming its
/// position, before any text is analysed.
#[pyfunction]
#[pyo3(signature = (texts, published = None))]
fn analyze_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    published: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = strings("texts", texts)?;
    let published = match published {
        Some(published) => optional_strings("published", published)?,
        None => vec![None; texts.len()],
    };
    if published.len() != texts.len() {
        return Err(PyValueError::new_err(format!(
            "published: {} dates for {} texts",
            published.len(),
            texts.len()
        )));
    }
    let pairs: Vec<(String, Option<String>)> = texts.into_iter().zip(published).collect();
    let analyses = py.detach(|| api::analyze_text_batch(&pairs));
    let mut ok = Vec::with_capacity(analyses.len());
    for (index, analysis) in analyses.into_iter().enumerate() {
        ok.push(
            analysis
                .map_err(|reason| QuotemapError::new_err(format!("texts[{index}]: {reason}")))?,
        );
    }
    to_python(py, &ok)
}

/// The main text and metadata of a web page, as `quotemap parse-html` gives
/// them: a dict with text, title, author, published and site_name. `url` is
/// where the page was saved from. A page nested too deep to read raises
/// `QuotemapError`.
#[pyfunction]
#[pyo3(signature = (html, url = None))]
fn parse_html(py: Python<'_>, html: String, url: Option<String>) -> PyResult<Bound<'_, PyAny>> {
    let page = py
        .detach(|| api::parse_html(&html, url.as_deref()))
        .map_err(QuotemapError::new_err)?;
    to_python(py, &page)
}

/// The Quotemap engine: quotations, speakers, entities and relations in news text.
#[pymodule(gil_used = false)]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(extract, module)?)?;
    module.add_function(wrap_pyfunction!(extract_batch, module)?)?;
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    module.add_function(wrap_pyfunction!(analyze_batch, module)?)?;
    module.add_function(wrap_pyfunction!(parse_html, module)?)?;
    module.add("QuotemapError", module.py().get_type::<QuotemapError>())?;
    module.add("ENGINE_VERSION", api::ENGINE_VERSION)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
