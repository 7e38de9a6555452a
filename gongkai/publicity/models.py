"""公示公告: publicity lists (公示: 低保, public and low-rent housing, renovation subsidies) and notices (征地, 房屋征收, 矿业权), personal data masked, off the portal after their period."""
