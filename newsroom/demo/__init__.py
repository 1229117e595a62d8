"""Demo content: the Xiaomi 12S launch story and the stories around it.

Loading is create-if-missing: running it again changes nothing, and an
editor's changes to a demo story survive a reload.
"""
