"""Step 5, use (数据利用): the data behind each category (versions), column policies, and the three
delivery modes — the query gateway (可用不可见), the sandbox (可用不出网) and traced exports (受控出网)."""
