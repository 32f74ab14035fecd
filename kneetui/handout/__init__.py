"""The one-page report for the physical therapist, behind `kneetui report`.

`load` reads the store into the domain's content model (`kneetui.domain.handout`);
`markdown`, `html` and `pdf` lay it out, `chart` draws its soreness trend with
matplotlib, and `output` writes the file. Only this package imports matplotlib
and fpdf2 (the optional extra `kneetui[report]`), and only when a PDF or an HTML
page is asked for: Markdown needs neither.
"""
