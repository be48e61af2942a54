"""Write docs/sample-conversations.md: five conversations typed into the running assistant over REST.

The page is made from the real replies, so it stays true: re-run it after changing the dialogue, the
content or the model. Usage: .venv/bin/python -m devtools.sample_conversations
"""

import datetime
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from devtools.servers import running_assistant

WRAP = 60
CONVERSATIONS = {
    "A patient": [
        "hi",
        "my back has been bad for 3 years and I feel like nobody takes me seriously, the GP just says it's stress",
        "yes",
        "Leeds",
        "any kind of support",
    ],
    "A carer": [
        "my mum has had back pain for years and she's so low, where can she get help?",
        "Brecon",
        "talking therapies",
    ],
    "A physiotherapist": [
        "I'm a physio in an MSK service and honestly we've got nowhere to send people who are struggling with their mood",
        # the model is unsure between two areas and asks; the physio types the one they mean
        "local knowledge",
        "examples from services",
        "tell me about the first one",
        "what could we try?",
    ],
    "Someone unsure where to say": [
        "where can I get some support?",
        "not sure",
        "near me",
        "LS6",
        "peer support",
    ],
    "A commissioner": [
        "I'm a commissioner. Our MSK service and the IAPT team never talk to each other and patients get bounced "
        "between us, and there's no money to fix it",
        "what could we try?",
        "where does your information come from?",
    ],
}


def render(reply: dict) -> str:
    """A reply as a Markdown quote. Lines are kept short (they still read as one paragraph) so that the
    guide's titles and names, which replies quote, never run together into a long line of its words."""
    lines = []
    for paragraph in reply.get("text", "").split("\n"):
        lines += [f"> {line}" for line in textwrap.wrap(paragraph, WRAP) or [""]]
        lines[-1] += "  "  # a Markdown line break where the reply had one
    lines += [f"> - *button:* {b['title']}" for b in reply.get("buttons", [])]
    return "\n".join(lines)


def main() -> None:
    lines = [
        "# Sample conversations",
        "",
        f"Typed into the running assistant over REST by `.venv/bin/python -m devtools.sample_conversations` on "
        f"{datetime.date.today().isoformat()}: each line a person typed, then every reply as sent. No button was "
        "pressed; the follow-ups are typed words.",
        "",
    ]
    with running_assistant() as assistant:
        for who, messages in CONVERSATIONS.items():
            lines += [f"## {who}", ""]
            sender = "sample-" + who.lower().replace(" ", "-")
            for message in messages:
                lines += [f"**Typed:** {message}", ""]
                lines += [render(r) + "\n" for r in assistant.send(sender, message)]
    (ROOT / "docs" / "sample-conversations.md").write_text("\n".join(lines), encoding="utf-8")
    print("wrote docs/sample-conversations.md")


if __name__ == "__main__":
    main()
