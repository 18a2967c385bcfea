"""Placeholder until built."""

import streamlit as st

st.title("flags")
