"""Departments and the data categories (数据资源目录条目) they hold."""

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog import vocab
from core.extensions import db
from core.timeutil import utcnow


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    name_zh: Mapped[str] = mapped_column(String(100), nullable=False)
    name_en: Mapped[str] = mapped_column(String(200), nullable=False)
    short_name_zh: Mapped[str] = mapped_column(String(40), nullable=False)
    short_name_en: Mapped[str] = mapped_column(String(80), nullable=False)

    categories = relationship("Category", back_populates="department", order_by="Category.code")


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), nullable=False, index=True)
    name_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    name_en: Mapped[str] = mapped_column(String(300), nullable=False)
    description_zh: Mapped[str] = mapped_column(Text, nullable=False, default="")
    description_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    theme: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    openness: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    grade: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    update_frequency: Mapped[str] = mapped_column(String(20), nullable=False)
    record_count: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    formats = mapped_column(JSON, nullable=False, default=list)
    # [{"name", "label_zh", "label_en", "type"}, ...] in column order
    fields = mapped_column(JSON, nullable=False, default=list)
    spatial_coverage_zh: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    spatial_coverage_en: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    time_coverage_start = mapped_column(Date)
    time_coverage_end = mapped_column(Date)
    keywords_zh = mapped_column(JSON, nullable=False, default=list)
    keywords_en = mapped_column(JSON, nullable=False, default=list)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at = mapped_column(DateTime, nullable=False, default=utcnow)

    department = relationship(Department, back_populates="categories", lazy="joined")

    @property
    def is_sellable(self) -> bool:
        return vocab.sellable(self.grade, self.openness)


class CatalogChange(db.Model):
    """One change of a category (an edit, a seeded insert or refresh), written in the transaction
    that made it. Each node's search index applies the changes above the last id it applied
    (catalog/search/sync.py). Ids grow in commit order: writers of this table take
    locks.serialize("catalog_changes") first (SQLite: AUTOINCREMENT, never reusing an id)."""

    __tablename__ = "catalog_changes"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_code: Mapped[str] = mapped_column(String(32), nullable=False)
    changed_at = mapped_column(DateTime, nullable=False, default=utcnow)
