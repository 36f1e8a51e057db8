"""Data-quality checks for the ipbench warehouse: GX suites in code, the check runner and its HTML report."""
