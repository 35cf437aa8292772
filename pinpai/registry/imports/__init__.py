"""Imports (导入) of enterprises, brands, certificates and GI authorisations from .xlsx and .csv files.

- `columns`: per kind, the Chinese column headers, the field each one fills, whether it is required
  and how a cell is parsed;
- `reader`: bytes → a table of cells, recognising mislabelled files by their content;
- `validate`: a table → parsed rows ready for the services, plus one {row, column, message} per bad cell;
- `selectors`: the reads the import pages and tasks need.

The writes (create, validate, commit a job) are in `pinpai.registry.services.imports`.
"""
