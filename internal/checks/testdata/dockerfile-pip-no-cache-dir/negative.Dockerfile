FROM python:3.12-slim AS build
RUN pip install --prefix=/install -r requirements.txt

FROM python:3.12-slim
COPY --from=build /install /usr/local
RUN pip install --no-cache-dir flask==3.0.3
RUN PIP_NO_CACHE_DIR=1 pip install gunicorn==22.0.0
RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3
