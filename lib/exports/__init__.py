"""Meeting material built from one Results and Filter: the slide deck description
(``deck``) and its renderings as PPTX (``pptx``), an offline HTML report (``html``), and the
filtered tables as Excel (``xlsx``). Pure: no streamlit here."""
