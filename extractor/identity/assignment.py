"""The best one-to-one assignment of rows to columns by score (the Hungarian method, Kuhn–Munkres).

Linking one year's indicators to the series of earlier years must give each series at most one
indicator of the year and each indicator at most one series, with the highest total similarity,
not the first good pair found (a greedy pass can take the pair another indicator needed).
"""
from __future__ import annotations

from math import inf


def best_assignment(scores: list[list[float]]) -> list[tuple[int, int]]:
    """Given a score per (row, column), return the pairs of the one-to-one assignment with the highest sum.

    Pairs whose score is not positive are never returned (a score of 0 means "may not be paired").

    >>> best_assignment([[90, 80], [85, 0]])
    [(0, 1), (1, 0)]
    >>> best_assignment([[0, 0], [0, 70], [60, 0]])
    [(1, 1), (2, 0)]
    >>> best_assignment([])
    []
    """
    rows = len(scores)
    cols = max((len(r) for r in scores), default=0)
    size = max(rows, cols)
    if size == 0:
        return []
    top = max((s for r in scores for s in r), default=0)
    cost = [[top - (scores[i][j] if i < rows and j < len(scores[i]) and scores[i][j] > 0 else 0)
             for j in range(size)] for i in range(size)]
    match = _hungarian(cost)
    return [(i, j) for i, j in enumerate(match)
            if i < rows and j < len(scores[i]) and scores[i][j] > 0]


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Given a square cost matrix, return for each row the column of a minimum-cost perfect matching."""
    n = len(cost)
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j]: the row (1-based) matched to column j, 0 = none
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        least = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < least[j]:
                    least[j], way[j] = reduced, j0
                if least[j] < delta:
                    delta, j1 = least[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    match = [0] * n
    for j in range(1, n + 1):
        match[owner[j] - 1] = j - 1
    return match
