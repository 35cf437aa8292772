"""Quality traceability (质量追溯): an EPCIS 2.0 repository with master data, 合格证, inspections and recalls."""
