"""What the follow-up's files share: their content types. The files: the completeness matrix (puebla.followup.requests.exports) and the
comparative matrix (puebla.followup.matrix.exports).
"""

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
