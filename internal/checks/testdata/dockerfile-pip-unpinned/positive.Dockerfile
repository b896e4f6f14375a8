FROM python:3.12-slim
# want
RUN pip install --no-cache-dir flask requests==2.32.3
# want
RUN python3 -m pip install --no-cache-dir --upgrade pip
# want
RUN pip install --no-cache-dir \
    --index-url https://pypi.example.com/simple \
    "django>=4.2"
# want
RUN ["pip3", "install", "--no-cache-dir", "numpy"]
