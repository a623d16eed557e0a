//! A fixed train / held-out split: the held-out digits are never trained on, so their accuracy
//! estimates how the network does on digits it has not seen.

use crate::base::rng::SplitMix64;

/// The lesson's split: 8,000 digits to train on, the other 2,000 held out.
pub const TRAIN: usize = 8_000;
/// The seed of the lesson's split.
pub const SPLIT_SEED: u64 = 2024;

/// Indices 0‥n shuffled by `seed` (Fisher–Yates), cut after `n_train` (clamped to n):
/// (train, held_out), each sorted ascending.
pub fn split(n: usize, n_train: usize, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    shuffle(&mut idx, &mut rng);
    let held = idx.split_off(n_train.min(n));
    let (mut train, mut held) = (idx, held);
    train.sort_unstable();
    held.sort_unstable();
    (train, held)
}

/// Fisher–Yates with a uniform index in 0..=i (modulo bias is < 2⁻⁴⁰ for these sizes).
pub fn shuffle(v: &mut [usize], rng: &mut SplitMix64) {
    for i in (1..v.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}
