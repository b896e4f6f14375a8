FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt
RUN pip install --no-cache-dir flask==3.0.3 "django>=4.2,<5" attrs~=23.2
RUN pip install --no-cache-dir . ./libs/core dist/app-1.0-py3-none-any.whl
RUN pip install --no-cache-dir "app @ git+https://github.com/example/app@v1.0" ${EXTRA}
RUN pip install --no-cache-dir --index-url https://pypi.example.com/simple --trusted-host pypi.example.com numpy==2.0.0
