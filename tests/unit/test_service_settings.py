"""The service's settings (variables, validation, named models, the documented table) and
the app when they point at no model: in process, no server, no model. The service on a
model: tests/integration/test_service_http.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from banglaner.service.app import create_app
from banglaner.service.settings import Settings
from tests.conftest import until


def test_loading_failure_is_reported_by_ready(tmp_path) -> None:
    app = create_app(Settings(link_entities=True, model_dir=tmp_path / "none"))
    with TestClient(app) as client:
        until(lambda: app.state.load_error is not None)
        r = client.get("/ready")
        assert r.status_code == 503 and "E002" in r.json()["detail"]
        assert client.post("/extract", json={"text": "ঢাকা"}).status_code == 503
        assert client.get("/health").status_code == 200


def test_settings_reject_bad_values() -> None:
    from pydantic import ValidationError

    for bad in ({"timezone": "Asia/Dhakka"}, {"max_queue": 0}, {"micro_batch_docs": -1}):
        with pytest.raises(ValidationError):
            Settings(**bad)
    assert Settings(timezone="UTC").timezone == "UTC"


def test_list_settings_read_comma_separated_variables(monkeypatch) -> None:
    """Both lists parse from their variables (a validator of the same name in the server's
    subclass once silently replaced the library's, and BANGLANER_KB_EXTRA failed)."""
    monkeypatch.setenv("BANGLANER_KB_EXTRA", "/desk/people.jsonl, /desk/orgs.csv")
    monkeypatch.setenv("BANGLANER_CORS_ORIGINS", "https://a.example,https://b.example")
    settings = Settings()
    assert settings.kb_extra == [Path("/desk/people.jsonl"), Path("/desk/orgs.csv")]
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_named_models_and_folders(tmp_path) -> None:
    home = Settings(home=tmp_path)
    assert home.resolved_model_dir == tmp_path / "models" / "banglaner-e5-small-v4"
    fast = home.with_model("fast")
    assert fast.resolved_model_dir == tmp_path / "models" / "banglaner-e5-small-fast-v5"
    assert Settings(home=tmp_path, model="fast").resolved_model_dir == fast.resolved_model_dir
    assert home.with_model(str(tmp_path / "mine")).resolved_model_dir == tmp_path / "mine"
    assert home.with_model(None) == home


def test_the_settings_table_in_the_docs_is_the_settings() -> None:
    """docs/usage.md shows the table the settings classes generate: a new or changed
    setting without the docs fails here (regenerate with `python -m banglaner.service.settings`)."""
    from banglaner.service.settings import settings_table

    usage = (Path(__file__).resolve().parents[2] / "docs" / "usage.md").read_text("utf-8")
    shown = (
        usage.split("<!-- settings-table")[1].split("-->", 1)[1].split("<!-- /settings-table")[0]
    )
    table = settings_table()
    assert table.count("| `BANGLANER_") == 22
    assert shown.strip() == table
