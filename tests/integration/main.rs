//! The integration tests of budget2csv: the command line run on the bundled
//! samples and compared with golden files, bad input, and (when `../shared`
//! is present) the shared corpora.

mod batch;
mod broken;
mod checks;
mod cjk;
mod cli;
mod corpus;
mod forms;
mod fuzz;
mod golden;
mod letter_spaced;
mod meta;
mod national;
mod review;
mod review_png;
mod score;
mod summary;
mod support;
mod text_corpus;
mod text_truth;
mod truth;
mod xlsx;
