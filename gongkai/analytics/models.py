"""公众参与分析: participation analytics (公众参与): page views, searches, applications and letters over time, as charts."""
