//! How near a guess must be to count as right or close: shared by the judge and by the slip
//! finder (a slip matches when the guess is right for the slip's value).

/// A guess is accepted when it is within `rel` of the value, or within `abs` of it near zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    pub rel: f64,
    pub abs: f64,
}

impl Tolerance {
    pub fn accepts(&self, guess: f64, truth: f64) -> bool {
        (guess - truth).abs() <= (self.rel * truth.abs()).max(self.abs)
    }
}

/// Right: what a careful hand calculation rounded to the 4 decimals the page shows gives.
pub const RIGHT: Tolerance = Tolerance {
    rel: 0.005,
    abs: 0.0005,
};

/// Close: the method is right and a rounding or one digit went astray.
pub const CLOSE: Tolerance = Tolerance {
    rel: 0.05,
    abs: 0.005,
};
