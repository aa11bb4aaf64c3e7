"""A person's review of what the rules extracted: corrections, rejections and additions,
attached to their evidence so that they apply again after every new extraction. Pure: the
storage layer reads and writes them (kb.storage.corrections)."""
