//! The performance-target forms (整体支出绩效目标表, 项目支出绩效目标表):
//! indicator rows and the forms' other fields.

use budget_model::{Finding, Line};

use crate::grid::Grid;
use crate::segment::Found;
use crate::title::Title;

/// What follows a form's title up to the next title: its lines (with their
/// pages; on PDF pages only the text outside ruled grids) and its grids.
pub(crate) struct FormBody<'a, 'g> {
    pub lines: &'a [(Line, u32)],
    pub grids: &'a [&'g Grid],
}

/// Reads one form into `out.indicators` and `out.forms`.
pub(crate) fn read_form(_title: &Title, body: &FormBody<'_, '_>, _out: &mut Found, _findings: &mut Vec<Finding>) {
    // The readers of the two forms come here; until then nothing is read.
    let _ = (body.lines.len(), body.grids.len());
}
