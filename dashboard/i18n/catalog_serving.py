"""Strings of serving: stale data, the data-unavailable page, request and callback errors."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    (
        "serving.stale.title",
        "数据未能更新",
        "The data could not be refreshed",
    ),
    (
        "serving.stale.text",
        "服务器上的新数据文件无法读取（损坏、不完整或无法访问），本页显示的是上次成功载入的数据。",
        "The new data file on the server could not be read (damaged, incomplete or not "
        "accessible); this page shows the last data that loaded.",
    ),
    (
        "serving.unavailable.title",
        "数据暂时无法使用",
        "The data is not available",
    ),
    (
        "serving.unavailable.text",
        "服务器上的数据文件无法读取，也没有可用的早先数据。请稍后再试；管理员可在服务器日志中查看原因。",
        "The data file on the server cannot be read and there is no earlier data to show. "
        "Please try again later; the server's log says why.",
    ),
    (
        "serving.callback_error",
        "操作未能完成（服务器返回错误 {status}）。请重试；如果问题仍然存在，请刷新页面。",
        "That did not work (the server answered with error {status}). Please try again; if it "
        "keeps happening, reload the page.",
    ),
    (
        "serving.callback_error.network",
        "操作未能完成：无法连接服务器。请检查网络后重试。",
        "That did not work: the server could not be reached. Check the connection and try again.",
    ),
    (
        "serving.callback_error.failed",
        "操作未能完成：服务器处理时出错（已记入日志）。请重试；如果问题仍然存在，请刷新页面。",
        "That did not work: the server hit an error (it was logged). Please try again; if it "
        "keeps happening, reload the page.",
    ),
    (
        "serving.callback_error.too_large",
        "操作未能完成：发送的数据超过服务器允许的大小。",
        "That did not work: what was sent is larger than the server accepts.",
    ),
    ("serving.close", "关闭", "Close"),
    (
        "serving.upload_too_large",
        "文件“{filename}”太大（{size} MB），最大允许 {limit} MB，未上传。",
        "The file “{filename}” is too large ({size} MB); at most {limit} MB can be uploaded. "
        "It was not uploaded.",
    ),
    (
        "serving.export_failed",
        "导出失败：出现意外错误，已记录在服务器日志中。",
        "Export failed: an unexpected error, recorded in the server's log.",
    ),
    # Kept here rather than in catalog_export (edited by others at the same time).
    (
        "export.deck.table_more",
        "另有 {count} 行未在此页列出，完整表格见本页的数据导出（XLSX/CSV）。",
        "{count} more rows are not listed here; the page's data export (XLSX/CSV) has them all.",
    ),
]
