"""Reusable render functions shared by the pages."""
