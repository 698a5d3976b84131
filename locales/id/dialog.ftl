## Dialog kinerja: recording, acknowledgement, coaching feedback, requests.

