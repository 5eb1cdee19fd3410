# Minimal image: the app on the embedded data, port 8501, non-root, health-checked.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY streamlit_app.py ./
COPY pages ./pages
COPY ui ./ui
COPY core ./core
COPY data ./data
COPY geo ./geo
COPY .streamlit ./.streamlit
# PYTHONDONTWRITEBYTECODE keeps a running container from writing .pyc, so compile the app's modules into the image
# once: a woken container then reads them instead of compiling 1 MB of source before its first chart.
RUN python -m compileall -q core ui
RUN useradd --create-home --uid 10001 app && chown -R app /app
USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"
CMD ["streamlit", "run", "streamlit_app.py", "--server.port=8501", "--server.address=0.0.0.0"]
