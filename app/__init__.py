"""ipbench Streamlit app: benchmark regional IP-plan indicators, every figure traceable to its source."""
