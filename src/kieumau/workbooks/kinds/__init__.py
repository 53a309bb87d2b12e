"""One module per kind of workbook. Each offers:

- ``CODE``, ``LABEL``, ``SHEET``: its code (a WorkbookKind value), Vietnamese name, data sheet;
- ``PERMISSION``: what the actor needs on the province to import it;
- ``template(actor=, round=, province=)`` → an openpyxl Workbook filled with current data;
- ``read(workbook, actor=, round=, province=, progress=)`` → a Plan (changes and problems).
"""

from types import ModuleType

from kieumau.workbooks.kinds import documents, registrations, resources, self_assessment

KINDS: dict[str, ModuleType] = {
    module.CODE: module for module in (registrations, self_assessment, resources, documents)
}


def kind_module(code: str) -> ModuleType:
    return KINDS[str(code)]
