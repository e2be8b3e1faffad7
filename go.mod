module mineaction

go 1.26.8
