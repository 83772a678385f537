"""Catalog pages: home, search results, a category, departments, and the category editor."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.auth import role_required
from catalog import services, vocab
from catalog.cache import cached_read, checked_searcher, uncacheable
from catalog.forms import CategoryForm
from core.errors import ValidationError
from core.paging import page_window, paging

bp = Blueprint("catalog", __name__, template_folder="templates")


@bp.get("/")
def home():
    departments = sorted(services.list_departments(), key=lambda d: -d["category_count"])
    return render_template(
        "catalog/home.html",
        totals=services.catalog_totals(),
        themes=services.theme_counts(),
        departments=departments,
        vocab=vocab,
    )


@bp.get("/search")
@cached_read
def search():
    req = services.parse_search_params(request.args, strict=False)
    result = services.search_categories(req, checked_searcher())
    if result["source"] != "index":
        uncacheable()
    return render_template(
        "catalog/search.html",
        req=req,
        result=result,
        vocab=vocab,
        pages=page_window(result["total"], req.per_page, req.page),
    )


@bp.get("/categories/<code>")
def category(code):
    item = services.get_category(code)
    can_edit = current_user.is_authenticated and current_user.role in ("operator", "admin")
    return render_template(
        "catalog/category.html",
        category=item,
        vocab=vocab,
        can_edit=can_edit,
        history=services.category_history(item.code)[:10] if can_edit else [],
    )


@bp.route("/categories/<code>/edit", methods=["GET", "POST"])
@role_required("operator", "admin")
def edit_category(code):
    item = services.get_category(code)
    form = CategoryForm()
    if request.method == "GET":
        form.load(item)
    elif form.validate_on_submit():
        try:
            services.update_category(current_user, item.code, form.changes())
        except ValidationError as exc:
            for name, messages in exc.fields.items():
                field = getattr(form, name, None)
                if field is not None:
                    field.errors = list(field.errors) + [str(m) for m in messages]
            flash(str(exc.message), "error")
        else:
            flash(_("Saved. The change is logged and searchable now."), "success")
            return redirect(url_for("catalog.category", code=item.code))
    return render_template("catalog/edit.html", form=form, category=item), (400 if form.errors else 200)


@bp.get("/departments")
def departments():
    return render_template(
        "catalog/departments.html", departments=services.list_departments(), totals=services.catalog_totals()
    )


@bp.get("/departments/<code>")
def department(code):
    dept = services.get_department(code)
    page, per_page = paging(request.args, 20, strict=False)
    args = {"department": dept.code, "sort": request.args.get("sort") or "name", "page": page, "per_page": per_page}
    req = services.parse_search_params(args, strict=False)
    result = services.search_categories(req)
    summary = next(d for d in services.list_departments() if d["code"] == dept.code)
    return render_template(
        "catalog/department.html",
        department=dept,
        summary=summary,
        result=result,
        req=req,
        pages=page_window(result["total"], per_page, page),
    )
