FROM python:3.12-slim AS test
# want
RUN pip install flask==3.0.3

FROM python:3.12-slim
# want
RUN python -m pip install -r requirements.txt && \
    pip install --no-cache-dir gunicorn==22.0.0
# want
RUN ["pip3", "install", "requests==2.32.3"]
