"""The wizard's forms as HTML, written in Python instead of templates.

A step page has up to 40 fields. Rendered through crispy-forms' bootstrap5 templates (a
template per field, an include per option, per error and per attribute list), they cost
twice as much as the rest of the page. The functions here write the same HTML:
tests/web/test_form_html.py renders every wizard form both ways and compares them, and
tests/web/test_wizard_widgets.py does the same for the widgets against Django's templates.

A form's layout is a list of field names and the three layout objects below, which
crispy-forms' Div, Fieldset and HTML once were.
"""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString, mark_safe

# Widgets ------------------------------------------------------------------------------------


def _escaped(value: Any) -> str:
    """conditional_escape without the look for lazy text that Django's escape makes on each
    call, which cost four times the escaping: a step's fields escape hundreds of values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html in Python (escaped HTML, for the widgets below)."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> SafeString:
    """django/forms/widgets/input.html in Python."""
    value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
    return mark_safe(
        f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict[str, Any]) -> SafeString:
    """django/forms/widgets/select.html and select_option.html (which ends in a newline)."""
    parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_escaped(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_escaped(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


WIDGETS_IN_PYTHON = {
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/date.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/select.html": _select,
}


class WizardFormRenderer(DjangoTemplates):
    """Django's renderer, with the text, number, date, checkbox and select widget templates
    written out in Python: the same HTML, at a fraction of the cost. Rendering their
    templates (an include per option and per attribute list) cost as much as the rest of
    the page."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        as_python = WIDGETS_IN_PYTHON.get(template_name)
        if as_python is not None:
            return as_python(context["widget"])
        return super().render(template_name, context, request)


# Layouts ------------------------------------------------------------------------------------


class Div:
    """A <div> around some of the layout (app.js shows or hides it as a whole)."""

    def __init__(self, *items: LayoutItem, css_class: str) -> None:
        self.items = items
        self.css_class = css_class


class Fieldset:
    """A <fieldset> with its legend around some of the layout."""

    def __init__(self, legend: str, *items: LayoutItem, css_class: str) -> None:
        self.legend = legend
        self.items = items
        self.css_class = css_class


class HTML:
    """A piece of HTML written into the form as it is."""

    def __init__(self, html: str) -> None:
        self.html = html


type LayoutItem = str | Div | Fieldset | HTML


def form_html(form: forms.Form, layout: list[LayoutItem]) -> SafeString:
    """The form's messages that belong to no field, then its layout."""
    return mark_safe(non_field_errors_html(form) + items_html(form, layout))


# Below, every function returns HTML as text: each value in it escaped once, with _escaped,
# and the pieces put together as they are (form_html marks the whole safe).


def non_field_errors_html(form: forms.Form) -> str:
    errors = form.non_field_errors()
    if not errors:
        return ""
    items = "".join(f"<li>{_escaped(error)}</li>" for error in errors)
    return f'<div class="alert alert-block alert-danger"><ul class="m-0">{items}</ul></div>'


def items_html(form: forms.Form, items: tuple[LayoutItem, ...] | list[LayoutItem]) -> str:
    return "\n".join(item_html(form, item) for item in items)


def item_html(form: forms.Form, item: LayoutItem) -> str:
    if isinstance(item, str):
        return field_html(form[item])
    if isinstance(item, Div):
        return div_html(form, item)
    if isinstance(item, Fieldset):
        return fieldset_html(form, item)
    return item.html


def div_html(form: forms.Form, div: Div) -> str:
    return f'<div class="{_escaped(div.css_class)}">\n{items_html(form, div.items)}\n</div>'


def fieldset_html(form: forms.Form, fieldset: Fieldset) -> str:
    return (
        f'<fieldset class="{_escaped(fieldset.css_class)}"><legend>{_escaped(fieldset.legend)}'
        f"</legend>\n{items_html(form, fieldset.items)}\n</fieldset>"
    )


# Fields: crispy-bootstrap5's field.html with the wizard's settings (labels shown, errors
# inline, help below).


def field_html(field: forms.BoundField) -> str:
    if field.is_hidden:
        return str(field)
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return checkbox_html(field)
    if isinstance(widget, forms.RadioSelect):
        return radios_html(field)
    return box_html(field)


def box_html(field: forms.BoundField) -> str:
    """A text box, a date or a select: label, input, messages and help, one under another."""
    widget = field.field.widget
    bootstrap_class = "form-select" if isinstance(widget, forms.Select) else "form-control"
    label = ""
    if field.label:
        label = (
            f'<label{for_attribute(field)} class="form-label{required_class(field)}">'
            f"{label_text(field)}</label>"
        )
    return (
        f'<div id="div_{_escaped(field.auto_id)}" class="mb-3{extra_classes(field)}">{label}\n'
        f"{widget_html(field, bootstrap_class)}{errors_html(field, 'span')}{help_html(field)}"
        "</div>"
    )


def checkbox_html(field: forms.BoundField) -> str:
    """A tick box with its label beside it, then messages and help."""
    return (
        f'<div class="mb-3"><div id="div_{_escaped(field.auto_id)}" '
        f'class="form-check{extra_classes(field)}">{widget_html(field, "form-check-input")}\n'
        f'<label for="{_escaped(field.id_for_label)}" class="form-check-label'
        f'{required_class(field)}">{label_text(field)}</label>'
        f"{errors_html(field, 'span')}{help_html(field)}</div></div>"
    )


def radios_html(field: forms.BoundField) -> str:
    """Radio buttons (Yes / No / Not sure) in a fieldset whose legend is the question; the
    messages go under the last choice."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    invalid = " is-invalid" if field.errors else ""
    choices = []
    for group_number, (group_name, options, _) in enumerate(groups, start=1):
        if group_name:
            choices.append(f"<strong>{_escaped(group_name)}</strong>")
        for option_number, option in enumerate(options, start=1):
            last = group_number == len(groups) and option_number == len(options)
            choices.append(
                f'<div class="form-check"><input type="{_escaped(option["type"])}" '
                f'class="form-check-input{invalid}" name="{_escaped(field.html_name)}" '
                f'value="{_escaped(option["value"])}"{_attrs(option["attrs"])}>\n'
                f'<label for="{_escaped(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{_escaped(option['label'])}</label>"
                f"{errors_html(field, 'p') if last else ''}</div>"
            )
    radios = "\n".join(choices)
    described_by = field.aria_describedby
    described = f' aria-describedby="{_escaped(described_by)}"' if described_by else ""
    return (
        f'<div id="div_{_escaped(field.auto_id)}" class="mb-3{extra_classes(field)}">'
        f"<fieldset{described}><legend{for_attribute(field)} "
        f'class="form-label{required_class(field)} fs-6">{label_text(field)}</legend>\n'
        f"<div>{radios}</div>{help_html(field)}</fieldset></div>"
    )


def widget_html(field: forms.BoundField, bootstrap_class: str) -> str:
    """The widget with crispy's classes: the widget's own name (e.g. "numberinput"), then
    Bootstrap's, then is-invalid when the field has a message."""
    css_class = f"{type(field.field.widget).__name__.lower()} {bootstrap_class}"
    if field.errors:
        css_class += " is-invalid"
    return field.as_widget(attrs={"class": css_class})


def label_text(field: forms.BoundField) -> str:
    if field.field.required:
        return f'{_escaped(field.label)}<span class="asteriskField">*</span>'
    return _escaped(field.label)


def for_attribute(field: forms.BoundField) -> str:
    return f' for="{_escaped(field.id_for_label)}"' if field.id_for_label else ""


def required_class(field: forms.BoundField) -> str:
    return " requiredField" if field.field.required else ""


def extra_classes(field: forms.BoundField) -> str:
    classes = field.css_classes()
    return f" {_escaped(classes)}" if classes else ""


def errors_html(field: forms.BoundField, tag: str) -> str:
    """The field's messages, each in its own element: aria-describedby points at the block."""
    if not field.errors:
        return ""
    auto_id = _escaped(field.auto_id)
    # A line between messages: inline ones must not run together ("...age).Deferrals...").
    messages = "\n".join(
        f'<{tag} id="error_{number}_{auto_id}"><strong>{_escaped(error)}</strong></{tag}>'
        for number, error in enumerate(field.errors, 1)
    )
    return f'\n<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>'


def help_html(field: forms.BoundField) -> str:
    """The help text, which the forms write as HTML (crispy shows it unescaped too)."""
    if not field.help_text:
        return ""
    helptext_id = f' id="{_escaped(field.auto_id)}_helptext"' if field.auto_id else ""
    return f'\n<div{helptext_id} class="form-text">{field.help_text}</div>'
