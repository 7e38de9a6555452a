"""The statutory annual reports on government information disclosure (政府信息公开工作年度报告) and the
website's yearly form (政府网站工作年度报表), generated from the domain apps' ``stats.py``."""
