//! Work on every core, results in order: items are prepared on several threads and
//! handed, one at a time and in the order given, to the thread that called (the one
//! that owns the library, since SQLite takes one writer). Used by the importer: files
//! are read and analysed in parallel and stored one transaction each, in file order,
//! so article numbers do not depend on which thread finished first.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// How many threads prepare items: one per core.
pub fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Runs `prepare` on each of `items` on `threads` threads, and calls `store` with
/// each item's index and result in index order, on the calling thread. A thread
/// does not start an item more than `window` items ahead of the one being stored,
/// so memory stays bounded when one item is slow. When `store` returns `false`, no
/// new item is started, the items being prepared are finished and dropped, and the
/// function returns `false`; it returns `true` when every item was stored.
pub fn prepare_in_parallel<T, R>(
    items: &[T],
    threads: usize,
    window: usize,
    prepare: impl Fn(&T) -> R + Sync,
    mut store: impl FnMut(usize, R) -> bool,
) -> bool
where
    T: Sync,
    R: Send,
{
    if items.is_empty() {
        return true;
    }
    let threads = threads.clamp(1, items.len());
    let window = window.max(1);
    let next_item = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many items are stored, for the threads that wait to stay within the window.
    let stored = (Mutex::new(0usize), Condvar::new());
    let (sender, receiver) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next_item, stop, stored, prepare) = (&next_item, &stop, &stored, &prepare);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let index = next_item.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() {
                        break;
                    }
                    {
                        let (count, advanced) = stored;
                        let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
                        while index >= *count + window && !stop.load(Ordering::Relaxed) {
                            count = advanced.wait(count).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = prepare(&items[index]);
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        // The threads hold the only senders: the loop below ends when they are done.
        drop(sender);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        let mut completed = true;
        'receive: for (index, result) in receiver.iter() {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&expected) {
                if !store(expected, result) {
                    completed = false;
                    break 'receive;
                }
                expected += 1;
                let (count, advanced) = &stored;
                *count.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                advanced.notify_all();
            }
        }
        if !completed {
            stop.store(true, Ordering::Relaxed);
            // Wake the threads waiting for the window, and drop what is still coming.
            let (count, advanced) = &stored;
            drop(count.lock().unwrap_or_else(|e| e.into_inner()));
            advanced.notify_all();
            drop(receiver);
        }
        completed && expected == items.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_order_whatever_thread_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let done = prepare_in_parallel(
            &items,
            4,
            8,
            |&n| {
                // Later items are quicker, so threads finish out of order.
                std::thread::sleep(Duration::from_micros(200 - n));
                n * 2
            },
            |index, doubled| {
                seen.push((index, doubled));
                true
            },
        );
        assert!(done);
        assert_eq!(
            seen,
            items
                .iter()
                .map(|&n| (n as usize, n * 2))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_stop_starts_nothing_new_and_stores_nothing_more() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let mut stored = Vec::new();
        let done = prepare_in_parallel(
            &items,
            3,
            4,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                n
            },
            |index, _| {
                stored.push(index);
                index < 9
            },
        );
        assert!(!done);
        assert_eq!(stored, (0..10).collect::<Vec<_>>());
        // Only the window ahead of the stop (and a claim per thread) was started.
        assert!(started.load(Ordering::Relaxed) <= 10 + 4 + 3);
    }

    #[test]
    fn one_thread_and_no_items_work_too() {
        let mut stored = Vec::new();
        assert!(prepare_in_parallel(
            &[1, 2, 3],
            1,
            1,
            |n| n + 1,
            |_, n| {
                stored.push(n);
                true
            }
        ));
        assert_eq!(stored, vec![2, 3, 4]);
        assert!(prepare_in_parallel(
            &[] as &[u8],
            4,
            4,
            |n| *n,
            |_, _| false
        ));
    }
}
