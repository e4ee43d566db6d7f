"""What the follow-up's files share: their content types, and a country's name in the file's
language. The files: the completeness matrix (puebla.followup.requests.exports) and the
comparative matrix (puebla.followup.matrix.exports).
"""

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def country_name(country, language: str) -> str:
    return getattr(country, f"name_{language}", "") or country.name
