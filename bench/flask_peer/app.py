"""The theater API of lecture 5, written the way the original Flask course writes it:
Flask, Flask-SQLAlchemy models with a `to_dict`, validation in the view, SQLite (or
PostgreSQL through psycopg, when DATABASE_URL names one). And lecture
7's log-in, as the original writes it: a bcrypt hash (Flask-Bcrypt's default cost, 12 rounds)
and Flask's signed-cookie session.

It is the peer the generated Axum server is measured against in `bench/run`: same routes,
same JSON, same status codes, the same database (and for SQLite, the same settings).
"""

import os
import re

import bcrypt

from flask import Flask, jsonify, make_response, request, session
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event, func
from sqlalchemy.engine import Engine

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///theater.db")
app.json.sort_keys = False
app.secret_key = os.environ.get("SECRET_KEY", "a-key-for-the-benchmark-only")
# Flask-Bcrypt's default cost, which the original course uses.
BCRYPT_ROUNDS = 12
db = SQLAlchemy(app)


if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):

    @event.listens_for(Engine, "connect")
    def sqlite_settings(connection, _record):
        # The same settings as the generated server: WAL, synchronous NORMAL, a busy timeout.
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


GENRES = ["Drama", "Musical", "Opera", "Comedy"]


class Production(db.Model):
    __tablename__ = "productions"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String, nullable=False)
    genre = db.Column(db.String, nullable=False)
    budget = db.Column(db.Float)
    image = db.Column(db.String)
    director = db.Column(db.String)
    description = db.Column(db.Text)
    ongoing = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime, server_default=func.now(), nullable=False)
    updated_at = db.Column(db.DateTime, server_default=func.now(), onupdate=func.now(), nullable=False)

    cast_members = db.relationship("CastMember", backref="production", cascade="all, delete-orphan")

    def to_dict(self, with_cast=False):
        data = {
            "id": self.id,
            "title": self.title,
            "genre": self.genre,
            "budget": self.budget,
            "image": self.image,
            "director": self.director,
            "description": self.description,
            "ongoing": self.ongoing,
            "created_at": self.created_at.isoformat() + "Z",
            "updated_at": self.updated_at.isoformat() + "Z",
        }
        if with_cast:
            data["cast_members"] = [c.to_dict() for c in self.cast_members]
        return data


class CastMember(db.Model):
    __tablename__ = "cast_members"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String, nullable=False)
    role = db.Column(db.String, nullable=False)
    production_id = db.Column(db.Integer, db.ForeignKey("productions.id", ondelete="CASCADE"), nullable=False)
    created_at = db.Column(db.DateTime, server_default=func.now(), nullable=False)
    updated_at = db.Column(db.DateTime, server_default=func.now(), onupdate=func.now(), nullable=False)

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "production_id": self.production_id,
            "created_at": self.created_at.isoformat() + "Z",
            "updated_at": self.updated_at.isoformat() + "Z",
        }


def validate_production(data, partial):
    errors = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    for field in ("title", "genre"):
        if not partial and data.get(field) is None:
            add(field, "is required")
    if "title" in data and data["title"] is not None and len(data["title"]) > 100:
        add("title", "must be at most 100 characters")
    if "genre" in data and data["genre"] is not None and data["genre"] not in GENRES:
        add("genre", "must be one of Drama, Musical, Opera, Comedy")
    if data.get("budget") is not None and data["budget"] < 100:
        add("budget", "must be at least 100")
    if data.get("image") is not None and not re.search(r"\.jpg$", data["image"]):
        add("image", "Image file type must be a jpg")
    return errors


FIELDS = ["title", "genre", "budget", "image", "director", "description", "ongoing"]


@app.get("/productions")
def list_productions():
    query = Production.query.order_by(Production.id)
    limit = request.args.get("limit", type=int)
    offset = request.args.get("offset", type=int)
    if limit is not None:
        query = query.limit(limit)
    if offset is not None:
        query = query.offset(offset)
    return make_response(jsonify([p.to_dict() for p in query]), 200)


@app.get("/productions/<int:id>")
def show_production(id):
    production = db.session.get(Production, id)
    if production is None:
        return make_response(jsonify({"error": f"production {id} not found"}), 404)
    return make_response(jsonify(production.to_dict(with_cast=True)), 200)


@app.post("/productions")
def create_production():
    data = request.get_json()
    errors = validate_production(data, partial=False)
    if errors:
        return make_response(jsonify({"error": "some fields are invalid", "errors": errors}), 422)
    production = Production(**{k: v for k, v in data.items() if k in FIELDS})
    db.session.add(production)
    db.session.commit()
    response = make_response(jsonify(production.to_dict()), 201)
    response.headers["Location"] = f"/productions/{production.id}"
    return response


@app.patch("/productions/<int:id>")
def update_production(id):
    production = db.session.get(Production, id)
    if production is None:
        return make_response(jsonify({"error": f"production {id} not found"}), 404)
    data = request.get_json()
    errors = validate_production(data, partial=True)
    if errors:
        return make_response(jsonify({"error": "some fields are invalid", "errors": errors}), 422)
    for key, value in data.items():
        if key in FIELDS:
            setattr(production, key, value)
    db.session.commit()
    return make_response(jsonify(production.to_dict()), 200)


@app.delete("/productions/<int:id>")
def delete_production(id):
    production = db.session.get(Production, id)
    if production is None:
        return make_response(jsonify({"error": f"production {id} not found"}), 404)
    db.session.delete(production)
    db.session.commit()
    return make_response("", 204)


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String, unique=True, nullable=False)
    password_hash = db.Column(db.String, nullable=False)

    def to_dict(self):
        return {"id": self.id, "username": self.username}


@app.post("/login")
def login():
    data = request.get_json()
    user = User.query.filter_by(username=data.get("username")).first()
    if user is None or not bcrypt.checkpw(data.get("password", "").encode(), user.password_hash.encode()):
        return make_response(jsonify({"error": "invalid username or password"}), 401)
    session["user_id"] = user.id
    return make_response(jsonify(user.to_dict()), 200)


if __name__ == "__main__":
    with app.app_context():
        db.create_all()
        if User.query.filter_by(username="ada").first() is None:
            hashed = bcrypt.hashpw(b"ada-dev-password", bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
            db.session.add(User(username="ada", password_hash=hashed))
            db.session.commit()
