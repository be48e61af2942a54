"""All channels come up together in the real Rasa server, and Teams without credentials stays out of the way."""
import requests


def test_teams_without_credentials_answers_503_and_rasa_still_serves(assistant):
    response = requests.post(f"{assistant.rasa_url}/webhooks/teams/webhook", json={"type": "message"}, timeout=10)
    assert response.status_code == 503 and "not configured" in response.text.lower()
    assert assistant.send("channels-1", "hello")
    assert requests.get(f"{assistant.rasa_url}/webhooks/widget/", timeout=10).status_code == 200
