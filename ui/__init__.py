"""The Streamlit user interface of the explorer (thin: every decision lives in src/explorer)."""
