"""Recommendations, plan previews, saved roadmaps and their steps: sharing, printing, the JSON API."""
