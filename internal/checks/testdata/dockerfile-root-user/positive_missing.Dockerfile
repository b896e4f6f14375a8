FROM python:3.12-slim AS base
RUN pip install --no-cache-dir flask==3.0.3

# want
FROM base AS final
CMD ["flask", "run"]
