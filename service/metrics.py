"""Prometheus metrics of one app instance (its own registry, so tests can run several)."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, Info, generate_latest

from banglaner.models.entity import Entity

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "banglaner_requests", "HTTP requests", ["route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "banglaner_request_seconds",
            "Request latency",
            ["route"],
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.errors = Counter(
            "banglaner_errors", "Responses with status >= 500", ["route"], registry=self.registry
        )
        self.entities = Counter(
            "banglaner_entities", "Entities returned", ["label"], registry=self.registry
        )
        self.documents = Counter(
            "banglaner_documents", "Documents processed", registry=self.registry
        )
        self.failures = Counter(
            "banglaner_extraction_failures",
            "Requests whose extraction raised (answered 500; other requests of their batch served)",
            registry=self.registry,
        )
        self.model = Info("banglaner_model", "The loaded model", registry=self.registry)

    def observe(self, route: str, status: int, seconds: float) -> None:
        self.requests.labels(route, str(status)).inc()
        self.latency.labels(route).observe(seconds)
        if status >= 500:
            self.errors.labels(route).inc()

    def count(self, documents: Iterable[list[Entity]]) -> None:
        for entities in documents:
            self.documents.inc()
            for e in entities:
                self.entities.labels(e.label).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
