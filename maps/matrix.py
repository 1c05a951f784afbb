"""The donor-by-department matrix: how many interventions each funder has where."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from coop.facts import NATIONAL as FACTS_NATIONAL
from coop.facts import Facts
from coop.model import Dataset
from coop.files import text_to_csv_cell as to_csv_cell  # the one formula guard
from maps.escape import to_html_attr, to_html_text
from maps.i18n import Translator

NATIONAL = "national"  # the cells' key for national and not located; its label is matrix.national


@dataclass(frozen=True)
class Matrix:
    """Funders (rows) by INEI departments (columns), counting interventions."""

    funders: list[tuple[str, str]]  # (funder, group)
    departments: list[tuple[str, str]]  # (INEI code, name)
    cells: dict[tuple[str, str], int]  # (funder, code or NATIONAL) -> count
    totals: dict[str, int]  # funder -> interventions


def dataset_to_matrix(dataset: Dataset, facts: Facts) -> Matrix:
    """Count, for each funder and INEI department, the interventions located there."""
    departments = list(facts.department_names.items())
    counts = facts.funder_counts(dataset.interventions)
    cells = {(f, NATIONAL if code == FACTS_NATIONAL else code): n
             for (f, code), n in counts.items()}
    groups: dict[str, str] = {}
    totals: dict[str, int] = {}
    for item in dataset.interventions:
        for funder in item.funders:
            groups.setdefault(funder, item.funder_group)
            totals[funder] = totals.get(funder, 0) + 1
    funders = sorted(groups.items(), key=lambda fg: (fg[1].casefold(), fg[0].casefold()))
    return Matrix(funders, departments, cells, totals)


def dataset_to_budget_cells(dataset: Dataset, facts: Facts, amounts: dict[str, float]
                            ) -> dict[tuple[str, str], float]:
    """``(funder, INEI code or NATIONAL)`` -> budget: each intervention's amount (by id)
    split evenly over its departments (all of it under NATIONAL when it has none), then
    evenly over its funders, so that every amount is counted once."""
    cells: dict[tuple[str, str], float] = {}
    for item in dataset.interventions:
        if item.id not in amounts:
            continue
        codes = facts.departments_of.get(item.id, ()) or (NATIONAL,)
        share = amounts[item.id] / len(codes) / len(item.funders)
        for funder in item.funders:
            for code in codes:
                cells[(funder, code)] = cells.get((funder, code), 0.0) + share
    return cells


def render_budget_table(matrix: Matrix, cells: dict[tuple[str, str], float], currency: str,
                        note: str, tr: Translator) -> str:
    """The budget view of the matrix: amounts in ``currency`` by funder and department;
    an empty cell where no budget is stated (never a zero)."""
    if not cells:
        return ""
    codes = [code for code, _ in matrix.departments] + [NATIONAL]
    head = "".join(f'<th scope="col"><span>{to_html_text(name)}</span></th>'
                   for _, name in matrix.departments)
    head += f'<th scope="col"><span>{to_html_text(tr.t("matrix.national"))}</span></th>'
    rows = []
    for funder, group in matrix.funders:
        values = [cells.get((funder, code)) for code in codes]
        if all(v is None for v in values):
            continue
        tds = "".join('<td class="zero">·</td>' if v is None else
                      f"<td>{to_html_text(tr.number(round(v)))}</td>" for v in values)
        rows.append(f'<tr><th scope="row">{to_html_text(funder)}<small>{to_html_text(tr.group(group))}'
                    f"</small></th>{tds}</tr>")
    title = tr.t("matrix.budget_heading", currency=currency)
    return (f"<h2>{to_html_text(title)}</h2>\n<p>{to_html_text(note)}</p>\n"
            f'<table class="matrix matrix-budget"><thead><tr><th scope="col">'
            f'{to_html_text(tr.t("matrix.funder"))}</th>{head}</tr></thead><tbody>'
            f"{''.join(rows)}</tbody></table>\n")


def matrix_to_csv(matrix: Matrix, tr: Translator | None = None) -> str:
    """The matrix as CSV: one row per funder, one column per department; headers in
    ``tr``'s language, then a row of HXL hashtags."""
    tr = tr or Translator()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([tr.t("matrix.csv_funder"), tr.t("matrix.csv_funder_group"),
                     *(f"{name} ({code})" for code, name in matrix.departments),
                     tr.t("matrix.national"), tr.t("matrix.csv_interventions")])
    writer.writerow(["#org+funder", "#org+funder+country",
                     *(f"#adm1+code+i{code}" for code, _ in matrix.departments), "#meta+national",
                     "#activity+num"])
    for funder, group in matrix.funders:
        writer.writerow([to_csv_cell(funder), to_csv_cell(group),
                         *(matrix.cells.get((funder, code), 0) for code, _ in matrix.departments),
                         matrix.cells.get((funder, NATIONAL), 0), matrix.totals[funder]])
    return out.getvalue()


def _cell(count: int) -> str:
    if not count:
        return '<td class="zero">·</td>'
    shade = min(0.15 + 0.12 * count, 0.75)
    return f'<td style="background:rgba(43,140,190,{shade:.2f})">{count}</td>'


def render_matrix_rows(matrix: Matrix, colours: dict[str, str],
                       tr: Translator | None = None) -> tuple[str, list[str]]:
    """The table's header cells and body rows."""
    tr = tr or Translator()
    head = "".join(f'<th scope="col" title="{to_html_attr(tr.t("matrix.cell_title", name=name, code=code))}">'
                   f"<span>{to_html_text(name)}</span></th>" for code, name in matrix.departments)
    rows = []
    for funder, group in matrix.funders:
        colour = colours.get(funder, "#777777")
        cells = "".join(_cell(matrix.cells.get((funder, code), 0))
                        for code, _ in matrix.departments)
        rows.append(
            f'<tr><th scope="row"><span class="sw" style="background:{to_html_attr(colour)}">'
            f"</span>{to_html_text(funder)}<small>{to_html_text(tr.group(group))}</small></th>{cells}"
            f"{_cell(matrix.cells.get((funder, NATIONAL), 0))}"
            f'<td class="total">{tr.number(matrix.totals[funder])}</td></tr>')
    return head, rows


def render_matrix_page(matrix: Matrix, colours: dict[str, str],
                       tr: Translator | None = None, budget_table: str = "") -> str:
    """A standalone HTML page with the matrix as a table (and ``budget_table``, the
    budget view, when there are budgets)."""
    tr = tr or Translator()
    head, rows = render_matrix_rows(matrix, colours, tr)
    words = {key: to_html_text(tr.t(f"matrix.{key}"))
             for key in ("title", "heading", "back", "download", "attribution")}
    return MATRIX_PAGE.format(
        lang=to_html_attr(tr.html_lang), **words,
        text=to_html_text(tr.t("matrix.text", national=tr.t("matrix.national"))),
        table_only=matrix_table_html(head, rows, tr), budget_table=budget_table)


def matrix_table_html(head: str, rows: list[str], tr: Translator | None = None) -> str:
    """The table alone, for the report."""
    tr = tr or Translator()
    return (f'<table class="matrix"><thead><tr><th scope="col">{to_html_text(tr.t("matrix.funder"))}'
            f'</th>{head}<th scope="col"><span>{to_html_text(tr.t("matrix.national"))}</span></th>'
            f'<th scope="col"><span>{to_html_text(tr.t("matrix.interventions"))}</span></th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


MATRIX_CSS = """
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #ccc; padding: 3px 5px; text-align: center; }
table.matrix thead th { vertical-align: bottom; height: 130px; white-space: nowrap; }
table.matrix thead th span { writing-mode: vertical-rl; transform: rotate(180deg); }
table.matrix tbody th { text-align: left; max-width: 16em; overflow-wrap: anywhere; }
table.matrix tbody th small { display: block; color: #555; font-weight: normal; }
table.matrix .sw { display: inline-block; width: 10px; height: 10px; margin-right: 5px;
  border: 1px solid rgba(0,0,0,.35); }
table.matrix td.zero { color: #bbb; }
table.matrix td.total { font-weight: bold; }
"""

MATRIX_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  margin: 1.5em; color: #222; }}
""" + MATRIX_CSS.replace("{", "{{").replace("}", "}}") + """
</style>
</head>
<body>
<p><a href="index.html">{back}</a> · <a href="matrix.csv">{download}</a></p>
<h1>{heading}</h1>
<p>{text}</p>
{table_only}
{budget_table}<p><small>{attribution}</small></p>
</body>
</html>
"""
