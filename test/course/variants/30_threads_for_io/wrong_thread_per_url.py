"""Starts one thread per URL (a goroutine per request), so nothing bounds how many calls are in flight."""

import threading
from collections.abc import Callable, Iterable


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    url_list = list(urls)
    results: list[R | None] = [None] * len(url_list)
    errors: list[BaseException] = []

    def work(index: int, url: str) -> None:
        try:
            results[index] = fetch(url)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, url)) for i, url in enumerate(url_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]
