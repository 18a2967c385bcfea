"""The view layer: what the pages, exports and CLI show, computed from loaded results.

Between the numbers (``lib.metrics``, ``lib.flags``) and the renderers (``lib.figures``,
``lib.exports``, ``app_pages``): the shared filter (``filters``), the drill-down through the
strategy tree (``drilldown``), the tables (``tables``), the comment table (``comment_table``)
and several workbooks at once (``collection``). Renderers import from here; nothing here
imports a renderer. No streamlit here.
"""
