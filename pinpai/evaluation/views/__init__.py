"""Evaluation pages: the valuation calculator, the methodology pages and the enterprise self-assessment.
Reads go through selectors, the one write (saving a self-assessment) through its service."""
