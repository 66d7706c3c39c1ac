"""Writers and reports: plans, follow-up, region, minutes, diffs, prices as csv/json/md/text/xlsx"""
