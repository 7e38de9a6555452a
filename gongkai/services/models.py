"""政务服务事项、办事指南和办件: service items (政务服务事项) and their guides (办事指南), service cases (办件) and their 好差评 ratings."""
