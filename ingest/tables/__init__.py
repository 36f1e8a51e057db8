"""Tables: the table model, one parser per text layout (pipe, tab, space, markdown, one cell a line, year columns), and indicator tables read into figures."""
